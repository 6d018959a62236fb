"""The Django edge of the mock engine: everything that touches the ORM, the
cache, settings or a server.

* ``loader`` compiles the configuration rows into the engine's table;
  ``state`` keeps it per process, rebuilt when the shared config version moves.
* ``config`` builds the ``EngineConfig`` from settings (once, and again on
  ``setting_changed``).
* Three transports carry the engine's plan out: ``asgi`` (the fast path,
  mounted by config/asgi.py), ``views`` (the Django async view behind
  ``mock_urls``, under ASGI or WSGI) and ``wsgi_stream`` (its drips and aborts
  under gunicorn); ``serve`` is the part they share, ``aborts`` how they break
  a connection off.
* ``recording`` builds each call's journal record.
* ``testing`` runs one request without HTTP (the management API's test button).
"""
