"""The assistant's conversations: the portal chat page, ``madoguchi chat``, and their storage."""
