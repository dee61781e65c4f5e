"""madoguchi (窓口): a bilingual customer-support desk for crypto exchanges and wallets."""

__version__ = "0.1.0"
