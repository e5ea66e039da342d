package org.hivemesh.bootstrap.wiring;

import com.google.inject.Binder;
import com.google.inject.Singleton;

/**
 * Application services are built by their injectable constructors, one instance each: a service behind several
 * ports (consent is a gate for joins and merges and a use case) is the same object behind all of them.
 */
final class Services {
    private final Binder binder;

    Services(Binder binder) {
        this.binder = binder;
    }

    /** The service, once, behind each of the ports. */
    @SafeVarargs
    final <T> void bind(Class<T> service, Class<? super T>... ports) {
        binder.bind(service).in(Singleton.class);
        for (Class<? super T> port : ports) {
            bindPort(port, service);
        }
    }

    private <P> void bindPort(Class<P> port, Class<?> service) {
        binder.bind(port).to(service.asSubclass(port));
    }

    void single(Class<?>... services) {
        for (Class<?> service : services) {
            binder.bind(service).in(Singleton.class);
        }
    }
}
