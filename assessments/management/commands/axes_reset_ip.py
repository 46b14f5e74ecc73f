from axes.management.commands import axes_reset_ip

from assessments.management.unlock import RecordedReset


class Command(RecordedReset, axes_reset_ip.Command):
    __doc__ = axes_reset_ip.Command.help
