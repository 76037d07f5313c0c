"""Support-staff analytics on IZIA's conversations: what went unanswered, what was rated badly,
grouped into subjects, turned into knowledge suggestions that staff review and apply.

Pure Python (no Rasa import): it reads Rasa's SQL tracker store with SQLAlchemy, so it runs on
a support workstation against a copy of the database as well as on the bot's machine.
"""
