"""The never-ask guard (pure, no Django): does an outgoing message ask for what support never asks?"""
