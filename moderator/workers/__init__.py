"""Several worker processes sharing one PostgreSQL database through procrastinate's task queue.

``moderator run --worker`` starts one (see :mod:`moderator.workers.runner`); the tasks and the
schedules are in :mod:`moderator.workers.tasks`, procrastinate's app and schema in
:mod:`moderator.workers.queue`. SQLite and plain ``moderator run`` never import this package.
"""
