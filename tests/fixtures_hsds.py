"""One small service as an HSDS file gives it, and the curators' open data page that admin
uploads go through. A module that imports `uploads_in_tmp` keeps its uploads in a temporary
folder."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

OPEN_DATA = "/admin/hsds/"
ORG_ID = "7d0a3c9e-2f4b-4c55-9f0e-1a2b3c4d5e6f"
SERVICE_ID = "1b8f2c4d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
# The least a service in a file needs.
SERVICE = {
    "id": SERVICE_ID,
    "name": "Grief circle",
    "status": "active",
    "organization": {"id": ORG_ID, "name": "Hope Centre", "description": ""},
}


def a_service(**overrides):
    """SERVICE with the descriptions HSDS asks for, and `overrides`."""
    return {
        **SERVICE,
        "description": "People who have lost someone meet on Tuesdays.",
        "organization": {**SERVICE["organization"], "description": "Helps."},
        **overrides,
    }


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def upload(data, name="services.json"):
    return SimpleUploadedFile(name, json.dumps(data).encode(), "application/json")


def upload_a_file_with_errors(client):
    """A curator uploads a service without a name: the report says what is wrong, and offers
    no confirmation."""
    response = client.post(OPEN_DATA, {"file": upload({**SERVICE, "name": ""})}, follow=True)
    assert not response.context["report"].ok
    assert b"This field is required." in response.content
    assert b'name="token"' not in response.content
    return response
