"""The mock engine: matching, validation, generation and chaos.

Pure Python over plain data: it imports nothing of Django (a test proves it)
and knows nothing of views, forms, admin, the ORM, the cache or settings.
Its caller (the Django edge, ``apps.mocks.edge``) compiles the endpoint table,
builds an ``EngineConfig`` and carries out the ``EngineResponse`` that
``pipeline.handle(table, request, config=...)`` returns.
"""
