"""The change feed, webhook endpoints, the outbox and its dispatcher (issue #17).

Importing the package registers the outbox with the audit trail (events/outbox.py), so every
catalogued change made in this process writes its outbox row; the app and the `sammen`
command both import it.
"""

from sammen.events import outbox as outbox
