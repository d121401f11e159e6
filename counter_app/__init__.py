"""counter_app: the post office counter client (营业柜台客户端) of the city post O2O platform."""

__version__ = "0.1.0"
