"""The kit's rate limits: two shapes, each taking its plan as data.

* ``token_bucket`` — a refill rate and a burst per bucket key (an API's usage
  plans: SP-API's per-operation limits), in Redis when the default cache is
  Redis so that every worker shares one bucket; ``UsagePlan``, ``consume()``.
* ``fixed_window`` — ``N/period`` counters over django-ratelimit (the
  management API, the login view); ``retry_after()``.
"""
