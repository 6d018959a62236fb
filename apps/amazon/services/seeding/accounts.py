"""Phase 1: the LWA application and the sellers who authorised it."""

import string

from apps.amazon import factories
from apps.amazon.marketplaces import CA, US
from apps.amazon.models import LwaApplication, RefreshToken, Seller

from .state import SeedRun, SeedSummary, SellerCredentials
from .wipe import wipe_seller_data


def seed_application(run: SeedRun) -> tuple[LwaApplication, SeedSummary]:
    """The seed's one LWA app (client id and secret drawn from the seed)."""
    rng = run.rng
    client_id = "amzn1.application-oa2-client." + f"{rng.getrandbits(128):032x}"
    client_secret = "amzn1.oa2-cs.v1." + f"{rng.getrandbits(256):064x}"
    app, _ = LwaApplication.all_objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": f"Mock SP-API app (seed {run.seed})",
            "client_secret": client_secret,
            "is_active": True,
            "deleted_at": None,
        },
    )
    return app, SeedSummary(client_id=client_id, client_secret=client_secret)


def seed_sellers(
    run: SeedRun, *, app: LwaApplication, summary: SeedSummary, count: int
) -> list[Seller]:
    """``count`` sellers (restored if in the bin), each with a refresh token for
    ``app``; their old orders, listings, inventory and reports are wiped."""
    rng = run.rng
    sellers: list[Seller] = []
    for index in range(count):
        spid = factories.make_selling_partner_id(rng)
        marketplace_ids = [US, CA] if index % 2 == 0 else [US]
        if index % 3 == 2:
            marketplace_ids.append("A1AM78C64UM0Y8")
        name = run.fakers["US"].company()
        seller, _ = Seller.all_objects.update_or_create(
            selling_partner_id=spid,
            defaults={
                "name": name,
                "region": "na",
                "marketplace_ids": marketplace_ids,
                "deleted_at": None,
            },
        )
        refresh = "Atzr|" + "".join(
            rng.choices(string.ascii_letters + string.digits + "-_", k=320)
        )
        RefreshToken.all_objects.update_or_create(
            token=refresh,
            defaults={
                "application": app,
                "seller": seller,
                "is_active": True,
                "deleted_at": None,
            },
        )
        summary.sellers.append(SellerCredentials(spid, name, marketplace_ids, refresh))
        wipe_seller_data(seller)
        sellers.append(seller)
    return sellers
