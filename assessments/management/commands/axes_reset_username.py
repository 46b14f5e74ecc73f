from axes.management.commands import axes_reset_username

from assessments.management.unlock import RecordedReset


class Command(RecordedReset, axes_reset_username.Command):
    __doc__ = axes_reset_username.Command.help
