"""alliancecli: who said what about which alliance, from news articles and their reader comments."""

__version__ = "0.1.0"
