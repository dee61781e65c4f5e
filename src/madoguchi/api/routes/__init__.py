"""The API's endpoints, one module per resource (the NinjaAPI object is in ``api/views.py``)."""
