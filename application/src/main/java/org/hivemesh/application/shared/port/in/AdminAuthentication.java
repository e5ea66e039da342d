package org.hivemesh.application.shared.port.in;

/** Administration endpoints need the admin token. */
public interface AdminAuthentication {
    /** 401 without a token, 403 with a wrong one. */
    void require(String bearerToken);
}
