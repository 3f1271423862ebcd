package dev.snet.compiler.proxy;

/** A model a proxy cannot score, with the reason in words a user can act on. */
public final class ProxyException extends RuntimeException {
    public ProxyException(String message) { super(message); }
}
