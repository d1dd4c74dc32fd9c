"""The one error type users see: a single line that says what went wrong and what to do."""


class LivelineError(Exception):
    """A failure caused by the user's input or environment, reported as one line.

    Anything else that escapes is a bug and keeps its traceback.
    """

    def __init__(self, message: str) -> None:
        # One line, always: a message built from file content must not smuggle newlines.
        super().__init__(" ".join(message.split()))
