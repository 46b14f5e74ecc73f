from axes.management.commands import axes_reset

from assessments.management.unlock import RecordedReset


class Command(RecordedReset, axes_reset.Command):
    __doc__ = axes_reset.Command.help
