"""Pydantic domain models: the scenario and plan schemas and their loading."""
