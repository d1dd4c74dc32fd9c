"""The activity strip: one row over the timeline saying how busy each outlet was, ten
minutes a step, over one day and between two times it names:

    Thu 16 Jan 12:00–18:30  BBC News ·▁▂▅█▃·  The Guardian ▂▂▅▇▃▁

Every sparkline covers the same times, scaled alike, so outlets compare at a glance.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widget import Widget

from liveline.timeline.activity import DayActivity
from liveline.timeline.render import inert, outlet_colour

# Outlets the app asks the core for: the strip shows as many as its width holds (two at
# 80 columns, one at 60, four at 120), so asking for more only costs a few rows.
STRIP_OUTLETS = 6
# An outlet's label is cut to this many cells ("The Independent" whole, "Financial Tim…"):
# long enough to know it by, short enough that two outlets fit at 80 columns.
LABEL_CELLS = 15
# A sparkline narrower than this shows no shape: such an outlet is left off instead.
MIN_SPARK_CELLS = 8
_LEVELS = "▁▂▃▄▅▆▇█"
_EMPTY = "·"  # ten minutes with nothing: the baseline, unlike ▁ (a little)
_GAP = "  "  # between the axis and each outlet


def _label(outlet: str) -> str:
    return outlet if len(outlet) <= LABEL_CELLS else outlet[: LABEL_CELLS - 1] + "…"


def _cells(counts: tuple[int, ...], width: int) -> list[int]:
    """Counts summed into at most `width` cells, each covering an equal run of buckets."""
    if len(counts) <= width:
        return list(counts)
    return [sum(counts[i * len(counts) // width:(i + 1) * len(counts) // width]) for i in range(width)]


def axis(activity: DayActivity) -> str:
    """The day and the times the sparklines run between: "Thu 16 Jan 12:00–18:30"."""
    return f"{activity.day:%a} {activity.day.day} {activity.day:%b} {activity.start:%H:%M}–{activity.end:%H:%M}"


def strip_line(activity: DayActivity | None, width: int) -> tuple[Text, list[str]]:
    """The strip's row at `width` cells and the outlets it found room for, busiest first."""
    if activity is None or not activity.outlets:
        return Text(), []
    line = Text(axis(activity), style="dim")
    labels = [inert(_label(a.outlet), outlet_colour(a.outlet)) for a in activity.outlets]
    # Each outlet takes a gap, its label, a space and its sparkline.
    fixed = [len(_GAP) + label.cell_len + 1 for label in labels]
    room = width - line.cell_len
    shown = 0
    while shown < len(labels) and sum(fixed[: shown + 1]) + (shown + 1) * MIN_SPARK_CELLS <= room:
        shown += 1
    if not shown:
        return line, []
    spark = min(len(activity.outlets[0].counts), (room - sum(fixed[:shown])) // shown)
    cells = [_cells(a.counts, spark) for a in activity.outlets[:shown]]
    peak = max(max(c) for c in cells) or 1
    for outlet, label, counts in zip(activity.outlets[:shown], labels[:shown], cells, strict=True):
        line.append(_GAP)
        line.append_text(label)
        line.append(" ")
        for count in counts:
            if count:  # the busiest ten minutes on the strip draw █, any entry at all ▁ at least
                line.append(_LEVELS[(count * len(_LEVELS) - 1) // peak], style=outlet_colour(outlet.outlet))
            else:
                line.append(_EMPTY, style="dim")
    return line, [a.outlet for a in activity.outlets[:shown]]


class ActivityStrip(Widget):
    """The activity strip; `show` it a day's activity (from a background thread, through
    App.call_from_thread), and it draws what its width holds."""

    DEFAULT_CSS = """
    ActivityStrip {
        height: 1;
        padding: 0 1;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.activity: DayActivity | None = None
        self.shown_outlets: list[str] = []  # the outlets drawn at the present width, busiest first

    @property
    def day(self) -> dt.date | None:
        """The day the strip shows (the app reads another when the cursor's day differs)."""
        return self.activity.day if self.activity else None

    def show(self, activity: DayActivity | None) -> None:
        """Draw a day's activity (None: nothing timed to show)."""
        self.activity = activity
        self.refresh()

    def render(self) -> Text:
        line, self.shown_outlets = strip_line(self.activity, self.content_size.width)
        return line
