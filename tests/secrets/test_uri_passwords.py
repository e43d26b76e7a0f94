"""Passwords in `scheme://user:password@host` URIs (generic.uri_passwords): a real one is found,
a template's stand-in is not, judged by the detector's one placeholder logic."""

from __future__ import annotations

import pytest

from scanner.secrets.detect import detect


@pytest.mark.parametrize(
    "text",
    [
        # Feast's postgres template: upper-case env-var names for every part of the URI
        "path: postgresql://DB_USERNAME:DB_PASSWORD@DB_HOST:DB_PORT/DB_NAME?sslmode=DB_SSLMODE",
        "url: mysql://ADMIN:PASSWORD@db:3306/x",
        "url: postgresql://feast:${FEAST_DB_PASSWORD}@db.internal:5432/features",
        "url: postgresql://feast:{{db_password}}@db.internal:5432/features",
        "url: postgresql://feast:{{ db_password }}@db.internal:5432/features",
        "url: postgresql://feast:<password>@db.internal:5432/features",
        "url: redis://default:your_password_here@cache:6379/0",
        "url: postgresql://feast:changeme@db.internal:5432/features",
        "url: mongodb://app:%(password)s@mongo:27017",
    ],
)
def test_a_stand_in_is_no_password(text: str) -> None:
    assert [d.type_id for d in detect(text, "feature_store.yaml")] == []


@pytest.mark.parametrize(
    ("text", "password"),
    [
        ("path: postgresql://feast:Zq8Lr2Vx9Pm4@db.internal:5432/f", "Zq8Lr2Vx9Pm4"),
        # a real password behind a template user name is still a password
        ("path: postgresql://DB_USERNAME:Zq8Lr2Vx9Pm4@DB_HOST:5432/f", "Zq8Lr2Vx9Pm4"),
        # words and separators make a password too, unlike an upper-case variable name
        ("url: redis://default:correct-horse-battery@cache:6379/0", "correct-horse-battery"),
        ("url: mysql://root:Db_Passw0rd_2024x@db:3306/x", "Db_Passw0rd_2024x"),
    ],
)
def test_a_real_password_is_found(text: str, password: str) -> None:
    [found] = detect(text, "feature_store.yaml")
    assert found.type_id == "uri-password"
    assert text[found.start : found.end] == password
