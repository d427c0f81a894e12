"""makemessages without fuzzy matching: a new string never inherits a similar string's translation.

With Chinese source strings (docs/decisions/0001) a fuzzy guess is always wrong (“村（社区）法律顾问”
would be translated as “村（社区）”).
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
