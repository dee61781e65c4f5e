"""E-mail as a channel: inbound mail (SMTP receiver, IMAP polling) into the one intake path,
reply tokens for threading, parked mail for agents, and the outbox table outbound mail uses."""
