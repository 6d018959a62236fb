"""Seed script run inside ``manage.py shell`` for the live chaos tests."""

from apps.mocks import services

group = services.group_create(data={"name": "Live", "slug": "live"})
schema = {
    "type": "object",
    "required": ["id", "name", "email"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string"},
        "email": {"type": "string", "format": "email"},
    },
}
services.endpoint_create(
    group=group,
    data={"name": "customer", "path": "/customer", "response_schema": schema},
)
services.endpoint_create(
    group=group,
    data={
        "name": "static",
        "path": "/static-ok",
        "response_body": {"ok": True, "pad": "x" * 900},
    },
)
services.endpoint_create(
    group=group,
    data={
        "name": "slow",
        "path": "/slow",
        "fixed_delay": 300,
        "response_body": {"slow": True},
    },
)
services.endpoint_create(
    group=group, data={"name": "calm", "path": "/calm", "chaos_mode": False}
)
print("seeded")
