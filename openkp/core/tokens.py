"""Secrets in links (invitations, replies, cancellations, subscriptions): only their hash is stored."""

import hashlib


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()
