"""The mock engine: matching, validation, generation and chaos.

Pure Python over plain data; it knows nothing of views, forms or admin.
"""
