"""``python -m interviewkit``: the same command as the ``interviewkit`` script."""

from interviewkit.cli import console_main

if __name__ == "__main__":
    console_main()
