package org.hivemesh.adapters.http;

/** A group of routes; the server registers every group it is given. */
public interface HttpRoutes {
    void register(Router router);
}
