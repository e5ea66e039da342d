package org.hivemesh.application.shared;

import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.shared.port.in.HivemeshException;

/** Checks the admin token against the hash of the configured one; the token itself is not kept. */
public final class AdminAuthenticator implements AdminAuthentication {
    private final String tokenHash;

    public AdminAuthenticator(String adminToken) {
        if (adminToken == null || adminToken.length() < 16) {
            throw new IllegalArgumentException("the admin token must be at least 16 characters");
        }
        this.tokenHash = Secrets.hash(adminToken);
    }

    @Override
    public void require(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw HivemeshException.unauthenticated("the admin token is required (Authorization: Bearer <admin token>)");
        }
        if (!Secrets.sameHash(tokenHash, Secrets.hash(bearerToken))) {
            throw HivemeshException.forbidden("this endpoint needs the admin token");
        }
    }
}
