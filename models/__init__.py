"""Shipped model files (installed as package data of ``spundetect.models``)."""
