"""LINE and Telegram channels (webhooks in, outbox out) and phone call-backs, call logs and
voicemail: more ways in to the one intake path and the one assistant."""
