"""HTTP adapters of the agent workspace: validate the request, call one service, render."""
