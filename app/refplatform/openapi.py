"""The reference platform's OpenAPI 3 document, written from platform-api.md.

Served at ``{base}/openapi.json``; the property-based tests generate requests from it, so
it must describe what the server really answers (status codes, media types, shapes).
"""

from __future__ import annotations

from typing import Any

from app.core.events import EVENT_TYPES

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
NULLABLE_STR = {"type": ["string", "null"]}
SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}


def _problems(*codes: int) -> dict[str, Any]:
    texts = {
        401: "bad or missing token",
        403: "token not allowed for this workstation",
        409: "key_id taken by another key",
        413: "too large",
        422: "invalid",
        429: "too many requests",
        503: "unavailable",
    }
    return {str(c): {"description": texts[c], "content": PROBLEM} for c in codes}


AUTH_ERRORS = (401, 403, 429, 503)


def _json(schema_ref: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


SCHEMAS: dict[str, Any] = {
    "Problem": {
        "type": "object",
        "required": ["type", "title", "status"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
        },
    },
    "Shipment": {
        "type": "object",
        "required": ["asn_id", "revision", "status", "lines"],
        "properties": {
            "asn_id": {"type": "string"},
            "revision": {"type": "integer"},
            "status": {"enum": ["open", "cancelled"]},
            "warehouse_id": {"type": "string"},
            "merchant": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
            "carrier": {"type": "string"},
            "waybill_no": {"type": "string"},
            "announced_at": {"type": "string"},
            "lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["line_id", "category"],
                    "properties": {
                        "line_id": {"type": "string"},
                        "order_no": {"type": "string"},
                        "category": {"enum": ["jewelry", "phone"]},
                        "title": {"type": "string"},
                        "declared_value_cents": {"type": "integer"},
                        "declared": {"type": "object"},
                    },
                },
            },
        },
    },
    "InboundPage": {
        "type": "object",
        "required": ["shipments", "next_cursor", "has_more"],
        "properties": {
            "shipments": {"type": "array", "items": {"$ref": "#/components/schemas/Shipment"}},
            "next_cursor": {"type": "string"},
            "has_more": {"type": "boolean"},
        },
    },
    "BlobStored": {
        "type": "object",
        "required": ["sha256", "size"],
        "properties": {"sha256": SHA256, "size": {"type": "integer"}},
    },
    "Event": {
        "type": "object",
        "required": ["event_id", "seq", "type", "occurred_at", "actor", "payload"],
        "properties": {
            "event_id": {"type": "string", "format": "uuid"},
            "seq": {"type": "integer", "minimum": 0},
            "type": {"type": "string", "enum": sorted(EVENT_TYPES)},
            "occurred_at": {"type": "string", "format": "date-time"},
            "actor": {"type": "string"},
            "item_tag": NULLABLE_STR,
            "asn_id": NULLABLE_STR,
            "line_id": NULLABLE_STR,
            "payload": {"type": "object"},
            "blobs": {"type": "array", "items": SHA256},
        },
    },
    "EventsRequest": {
        "type": "object",
        "required": ["workstation_id", "events"],
        "properties": {
            "workstation_id": {"type": "string"},
            "events": {
                "type": "array",
                "minItems": 1,
                "maxItems": 200,
                "items": {"$ref": "#/components/schemas/Event"},
            },
        },
    },
    "EventResult": {
        "type": "object",
        "required": ["event_id", "status"],
        "properties": {
            "event_id": {"type": "string"},
            "status": {"enum": ["accepted", "duplicate", "deferred", "rejected"]},
            "reason": {
                "enum": [
                    "missing_blob",
                    "waiting_for_earlier",
                    "unknown_type",
                    "invalid_payload",
                    "out_of_order",
                    "unknown_asn",
                    "conflict",
                    "not_issuer",
                ]
            },
            "missing_blobs": {"type": "array", "items": SHA256},
            "detail": {"type": "string"},
        },
    },
    "EventsResponse": {
        "type": "object",
        "required": ["results"],
        "properties": {"results": {"type": "array", "items": {"$ref": "#/components/schemas/EventResult"}}},
    },
    "SigningKeyRequest": {
        "type": "object",
        "required": ["key_id", "algorithm", "public_key_pem"],
        "properties": {
            "key_id": {"type": "string", "minLength": 1},
            "algorithm": {"enum": ["Ed25519", "ES256"]},
            "public_key_pem": {"type": "string"},
            "certificate_pem": NULLABLE_STR,
        },
    },
    "SigningKey": {
        "type": "object",
        "required": ["key_id", "warehouse_id", "algorithm", "public_key_pem", "registered_at", "revoked_at"],
        "properties": {
            "key_id": {"type": "string"},
            "warehouse_id": {"type": "string"},
            "algorithm": {"enum": ["Ed25519", "ES256"]},
            "public_key_pem": {"type": "string"},
            "registered_at": {"type": "string"},
            "revoked_at": NULLABLE_STR,
        },
    },
    "SigningKeys": {
        "type": "object",
        "required": ["keys"],
        "properties": {"keys": {"type": "array", "items": {"$ref": "#/components/schemas/SigningKey"}}},
    },
    "Verification": {
        "type": "object",
        "required": [
            "certificate_no",
            "status",
            "item_tag",
            "category",
            "summary",
            "issued_at",
            "warranty_until",
            "photo_sha256",
        ],
        "properties": {
            "certificate_no": {"type": "string"},
            "status": {"enum": ["valid", "voided", "unknown"]},
            "item_tag": NULLABLE_STR,
            "category": NULLABLE_STR,
            "summary": {"type": ["object", "null"]},
            "issued_at": NULLABLE_STR,
            "warranty_until": NULLABLE_STR,
            "photo_sha256": NULLABLE_STR,
        },
    },
    "StatusChange": {
        "type": "object",
        "required": ["certificate_no", "status", "changed_at", "replaced_by"],
        "properties": {
            "certificate_no": {"type": "string"},
            "status": {"enum": ["valid", "voided"]},
            "changed_at": {"type": "string"},
            "replaced_by": NULLABLE_STR,
        },
    },
    "Case": {
        "type": "object",
        "required": ["case_id", "revision", "status", "kind", "warehouse_id", "item_tag", "opened_at"],
        "properties": {
            "case_id": {"type": "string"},
            "revision": {"type": "integer", "minimum": 1},
            "status": {"enum": ["open", "cancelled"]},
            "kind": {"enum": ["buyer_return", "warranty_claim", "merchant_appeal"]},
            "warehouse_id": {"type": "string"},
            "item_tag": {"type": "string"},
            "certificate_no": {"type": ["string", "null"]},
            "opened_at": {"type": "string"},
            "inbound": {"type": ["object", "null"]},
            "statement": {"type": "string"},
            "claimed": {"type": "object"},
        },
    },
    "CasesPage": {
        "type": "object",
        "required": ["cases", "next_cursor", "has_more"],
        "properties": {
            "cases": {"type": "array", "items": {"$ref": "#/components/schemas/Case"}},
            "next_cursor": {"type": "string"},
            "has_more": {"type": "boolean"},
        },
    },
    "StatusPage": {
        "type": "object",
        "required": ["changes", "next_cursor", "has_more"],
        "properties": {
            "changes": {"type": "array", "items": {"$ref": "#/components/schemas/StatusChange"}},
            "next_cursor": {"type": "string"},
            "has_more": {"type": "boolean"},
        },
    },
}


def openapi_document(base_path: str) -> dict[str, Any]:
    sha_param = {"name": "sha256", "in": "path", "required": True, "schema": SHA256}
    ws_header = {"name": "X-Workstation-Id", "in": "header", "required": True, "schema": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Treasure Warehouse central platform (reference)", "version": "1.1"},
        "servers": [{"url": base_path or "/"}],
        "security": [{"bearer": []}],
        "components": {"schemas": SCHEMAS, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/inbound": {
                "get": {
                    "operationId": "listInbound",
                    "parameters": [
                        ws_header,
                        {
                            "name": "cursor",
                            "in": "query",
                            "schema": {"type": "string", "pattern": "^(c_[0-9]{1,18})?$"},
                        },
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
                    ],
                    "responses": {
                        "200": _json("InboundPage", "shipments after the cursor"),
                        **_problems(422, *AUTH_ERRORS),
                    },
                }
            },
            "/blobs/{sha256}": {
                "head": {
                    "operationId": "headBlob",
                    "parameters": [ws_header, sha_param],
                    "responses": {
                        "200": {"description": "present"},
                        "404": {"description": "absent"},
                        **_problems(*AUTH_ERRORS),
                    },
                },
                "put": {
                    "operationId": "putBlob",
                    "parameters": [ws_header, sha_param],
                    "requestBody": {
                        "required": True,
                        "content": {
                            t: {"schema": {"type": "string", "format": "binary"}}
                            for t in ("image/jpeg", "image/png", "application/pdf", "application/json")
                        },
                    },
                    "responses": {
                        "201": _json("BlobStored", "stored"),
                        "200": _json("BlobStored", "already present"),
                        **_problems(413, 422, *AUTH_ERRORS),
                    },
                },
            },
            "/events": {
                "post": {
                    "operationId": "postEvents",
                    "parameters": [ws_header],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventsRequest"}}},
                    },
                    "responses": {
                        "200": _json("EventsResponse", "one result per event, in order"),
                        **_problems(413, 422, *AUTH_ERRORS),
                    },
                }
            },
            "/signing-keys": {
                "get": {
                    "operationId": "listSigningKeys",
                    "parameters": [ws_header],
                    "responses": {"200": _json("SigningKeys", "every registered key"), **_problems(*AUTH_ERRORS)},
                },
                "post": {
                    "operationId": "registerSigningKey",
                    "parameters": [ws_header],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SigningKeyRequest"}}},
                    },
                    "responses": {
                        "201": _json("SigningKey", "registered"),
                        "200": _json("SigningKey", "same key registered before"),
                        **_problems(409, 413, 422, *AUTH_ERRORS),
                    },
                },
            },
            "/cases": {
                "get": {
                    "operationId": "listCases",
                    "parameters": [
                        ws_header,
                        {
                            "name": "cursor",
                            "in": "query",
                            "schema": {"type": "string", "pattern": "^(k_[0-9]{1,18})?$"},
                        },
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
                    ],
                    "responses": {
                        "200": _json("CasesPage", "this warehouse's case changes after the cursor"),
                        **_problems(422, *AUTH_ERRORS),
                    },
                }
            },
            "/certificate-status": {
                "get": {
                    "operationId": "listCertificateStatus",
                    "parameters": [
                        ws_header,
                        {
                            "name": "cursor",
                            "in": "query",
                            "schema": {"type": "string", "pattern": "^(s_[0-9]{1,18})?$"},
                        },
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
                    ],
                    "responses": {
                        "200": _json("StatusPage", "status changes after the cursor, oldest first"),
                        **_problems(422, *AUTH_ERRORS),
                    },
                }
            },
            "/verify/{certificate_no}": {
                "get": {
                    "operationId": "verifyCertificate",
                    "security": [],
                    "parameters": [
                        {
                            "name": "certificate_no",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "minLength": 1},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "status of the certificate",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Verification"}},
                                "text/html": {"schema": {"type": "string"}},
                            },
                        }
                    },
                }
            },
        },
    }
