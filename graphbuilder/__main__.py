"""``python -m graphbuilder``: the same CLI as the ``graphbuilder`` command."""

from graphbuilder.cli import main

if __name__ == "__main__":
    main()
