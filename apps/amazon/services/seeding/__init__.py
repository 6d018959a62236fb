"""Deterministic seed data that reads like real sellers' accounts.

Same seed (and anchor) → same sellers, credentials, SKUs, ASINs, orders and
inventory. Rules the data keeps:

* every order item is a SKU/ASIN the seller lists in the order's marketplace, with
  the listing's price; AFN orders hold only FBA SKUs, MFN orders only merchant SKUs;
* OrderTotal = Σ(item price + item tax + shipping + shipping tax − discounts);
* status agrees with quantities and dates: Pending/Unshipped ship nothing,
  PartiallyShipped ships some items, Shipped ships all, Canceled ships none and
  has no total; LastUpdateDate ≥ PurchaseDate; ship/delivery windows follow;
* FBA inventory exists for every FBA SKU sold.

``seed_amazon`` runs three phases in one transaction, all drawing from one
seeded generator in a fixed order (``run.py``):

1. ``accounts``: the LWA application and the sellers with their refresh tokens
   (each seeded seller's old domain data is wiped);
2. ``listings``: per seller, its products (``catalog``) listed in each of its
   marketplaces, and FBA inventory;
3. ``orders``: per seller (right after its listings), orders and their items,
   with gift details (``gifts``) and regulated orders (``regulated``) drawn
   from generators of their own.

``reset_amazon`` wipes every seller's domain data first (``wipe``). ``kit``
is the family's side of the kit's seed/reset protocol (scale, summary,
snapshot).
"""

from .catalog import money
from .regulated import regulated_details
from .run import anchor_default, orders_per_seller, reset_amazon, seed_amazon
from .state import SeedSummary, SellerCredentials
from .wipe import wipe_domain_data, wipe_seller_data

# The name the tests have always imported.
_regulated_details = regulated_details

__all__ = [
    "SeedSummary",
    "SellerCredentials",
    "_regulated_details",
    "anchor_default",
    "money",
    "orders_per_seller",
    "regulated_details",
    "reset_amazon",
    "seed_amazon",
    "wipe_domain_data",
    "wipe_seller_data",
]
