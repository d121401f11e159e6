"""Parcel posting (线下寄递): tariffs and pricing, tracking numbers, regions. Pure: no Qt, SQL or HTTP."""
