"""Fixed vocabularies: category tree, product words, statuses, reasons.

Kept in English for every locale (the pools carry the localized names,
places and sentences); they are product data, not user-interface prose.
"""

CATEGORY_TREE: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    # (top-level name, four sub-category names, nouns for its products)
    ("Electronics", ("Smartphones", "Laptops", "Headphones", "Cameras"),
     ("Phone", "Laptop", "Headphones", "Camera", "Charger", "Speaker")),
    ("Home & Kitchen", ("Cookware", "Furniture", "Bedding", "Appliances"),
     ("Pan", "Chair", "Blender", "Pillow", "Kettle", "Lamp")),
    ("Fashion", ("Men's Clothing", "Women's Clothing", "Shoes", "Accessories"),
     ("T-Shirt", "Jacket", "Sneakers", "Backpack", "Dress", "Watch")),
    ("Beauty", ("Skincare", "Makeup", "Hair Care", "Fragrance"),
     ("Serum", "Lipstick", "Shampoo", "Perfume", "Moisturizer", "Palette")),
    ("Sports & Outdoors", ("Fitness", "Camping", "Cycling", "Team Sports"),
     ("Yoga Mat", "Tent", "Helmet", "Dumbbells", "Football", "Water Bottle")),
    ("Toys & Games", ("Board Games", "Puzzles", "Building Sets", "Dolls"),
     ("Board Game", "Puzzle", "Building Set", "Doll", "Robot Kit", "Card Game")),
    ("Books", ("Fiction", "Non-Fiction", "Children's Books", "Comics"),
     ("Novel", "Cookbook", "Picture Book", "Graphic Novel", "Biography", "Atlas")),
    ("Grocery", ("Coffee & Tea", "Snacks", "Pantry", "Beverages"),
     ("Coffee Beans", "Green Tea", "Granola", "Olive Oil", "Chocolate", "Juice")),
    ("Health", ("Vitamins", "Personal Care", "Medical Supplies", "Wellness"),
     ("Vitamin D", "Toothbrush", "Thermometer", "Massage Gun", "Protein", "Bandages")),
    ("Automotive", ("Car Care", "Car Electronics", "Tools", "Tires"),
     ("Car Wax", "Dash Cam", "Socket Set", "Tire Inflator", "Seat Cover", "Jump Starter")),
    ("Garden", ("Plants", "Garden Tools", "Outdoor Furniture", "Grills"),
     ("Planter", "Pruner", "Hose", "Patio Chair", "Grill", "Seed Kit")),
    ("Pet Supplies", ("Dog", "Cat", "Aquarium", "Bird"),
     ("Dog Bed", "Cat Tree", "Leash", "Aquarium Filter", "Bird Feeder", "Pet Food")),
)  # fmt: skip
# Typical price range per top-level category, in US cents.
PRICE_RANGE = (
    (2_999, 149_999), (1_499, 39_999), (999, 19_999), (599, 8_999),
    (999, 29_999), (799, 9_999), (599, 4_999), (299, 2_999),
    (499, 12_999), (999, 24_999), (899, 59_999), (499, 14_999),
)  # fmt: skip
ADJECTIVES = (
    "Classic", "Premium", "Compact", "Ultra", "Eco", "Smart", "Pro", "Essential",
    "Deluxe", "Lite", "Organic", "Wireless", "Vintage", "Modern", "Portable",
    "Ergonomic",
)  # fmt: skip
COLORS = ("black", "white", "silver", "blue", "red", "green", "grey", "beige")
REVIEW_TITLES = {
    5: ("Absolutely love it", "Exceeded my expectations", "Perfect", "Best purchase this year"),
    4: ("Very good", "Great value", "Happy with it", "Solid product"),
    3: ("It's okay", "Does the job", "Average", "Mixed feelings"),
    2: ("Disappointed", "Not great", "Expected more", "Below average"),
    1: ("Terrible", "Broke after a week", "Do not buy", "Waste of money"),
}  # fmt: skip
REVIEW_BODIES = {
    5: ("Works exactly as described and the quality is outstanding.",
        "Arrived quickly, well packaged, and I use it every day.",
        "I bought a second one as a gift. Highly recommended."),
    4: ("Good quality for the price, a few minor flaws.",
        "Does what it promises; delivery took a little longer than expected.",
        "Nice product overall, I would buy it again."),
    3: ("Fine for occasional use, nothing special.",
        "The product is okay but the instructions were confusing.",
        "Average quality; it matches the price."),
    2: ("The material feels cheap and it stopped working properly.",
        "Smaller than the pictures suggest and not very sturdy.",
        "Customer service helped, but the product itself is mediocre."),
    1: ("It arrived damaged and the replacement had the same problem.",
        "Stopped working after a few days. Requested a refund.",
        "Nothing like the description. Very poor quality."),
}  # fmt: skip
RETURN_REASONS = (
    "damaged", "defective", "wrong_item", "not_as_described", "changed_mind",
    "too_small", "too_large", "arrived_late",
)  # fmt: skip
TICKET_SUBJECTS = {
    "shipping": ("Where is my order?", "Package marked delivered but not received",
                 "Change delivery address"),
    "billing": ("Charged twice", "Invoice request", "Payment declined"),
    "returns": ("How do I return an item?", "Refund not received yet",
                "Return label not working"),
    "product": ("Question about product size", "Item stopped working",
                "Missing parts in the box"),
    "account": ("Cannot log in", "Update my email address", "Delete my account"),
    "technical": ("Checkout page error", "App crashes on payment", "Coupon code not applied"),
}  # fmt: skip
NOTIFICATION_TEXT = {
    "order_shipped": ("Your order has shipped", "Good news: your order is on its way."),
    "order_delivered": ("Your order was delivered", "Your package has been delivered."),
    "promotion": ("A deal just for you", "Save on your favourite categories this week."),
    "price_drop": ("Price drop alert", "An item on your wishlist is now cheaper."),
    "back_in_stock": ("Back in stock", "An item you wanted is available again."),
    "review_request": ("How was your purchase?", "Tell other shoppers what you think."),
    "password_reset": ("Password reset requested", "Use the link to choose a new password."),
}  # fmt: skip
PLANS = (
    # (plan, billing cycle, months, price in US cents)
    ("basic", "monthly", 1, 499), ("plus", "monthly", 1, 999),
    ("premium", "monthly", 1, 1_999), ("basic", "annual", 12, 4_999),
    ("plus", "annual", 12, 9_999), ("premium", "annual", 12, 19_999),
)  # fmt: skip
PROMOTION_NAMES = (
    "Summer Sale", "Black Friday", "Welcome Offer", "Cyber Monday", "Spring Clearance",
    "Back to School", "Holiday Special", "Flash Sale", "Loyalty Reward", "Free Gift Week",
)  # fmt: skip
PAYMENT_PROVIDERS = ("Stripe", "Adyen", "PayPal", "Braintree")
WISHLIST_NAMES = (
    "Wishlist",
    "Birthday",
    "Holidays",
    "For the home",
    "Someday",
    "Gift ideas",
)
