"""Capture log records so they can be replayed later or in another process.

Used where work happens out of its usual place (a forked worker, or a page
reused from an earlier preview build): the records it logged are kept, then
handed to this process's own handlers when the result is used, so messages
and warning counters (``mkdocs build --strict``) come out as in a plain run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager


class RecordingHandler(logging.Handler):
    """Keeps a picklable copy of every record it sees, once even if it is on several loggers."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.records: list[logging.LogRecord] = []
        self._last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record is self._last:  # the same record propagating to a second logger
            return
        self._last = record
        copy = logging.makeLogRecord(record.__dict__)
        copy.msg, copy.args = record.getMessage(), None
        if copy.exc_info:
            copy.exc_text = logging.Formatter().formatException(copy.exc_info)
            copy.exc_info = None
        self.records.append(copy)


def _loggers_with_handlers() -> list[logging.Logger]:
    loggers = [logging.getLogger()] + [
        logger for logger in logging.root.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    return [logger for logger in loggers if logger.handlers]


def divert_all_logging(handler: logging.Handler) -> None:
    """Send every record to ``handler`` instead of the handlers configured so far (in a worker).

    The root logger gets it too, so records that would have reached Python's
    last-resort output are kept as well (replayed, they reach it in the parent).
    """
    for logger in {logging.getLogger(), *_loggers_with_handlers()}:
        logger.handlers = [handler]


@contextmanager
def recorded_logs() -> Iterator[list[logging.LogRecord]]:
    """Record what is logged inside the block, while it is still handled as usual.

    Only records that reach a configured handler are kept: one that would go to
    Python's last-resort output is printed but not recorded (a handler on the
    root logger would silence that output).
    """
    recorder = RecordingHandler()
    loggers = _loggers_with_handlers()
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        yield recorder.records
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)


def replay(records: Iterable[logging.LogRecord]) -> None:
    """Hand records to this process's loggers, in order, as if they were logged now."""
    for record in records:
        logging.getLogger(record.name).handle(record)
