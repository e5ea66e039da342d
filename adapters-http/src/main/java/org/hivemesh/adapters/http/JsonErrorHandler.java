package org.hivemesh.adapters.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Jetty's refusals (bad URI, oversize headers, timeouts) in the API.md error format instead of its HTML page. */
final class JsonErrorHandler extends ErrorHandler {
    /** Jetty writes an error body for GET, POST and HEAD only; PATCH, PUT and DELETE get one too here. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        // A 5xx message may describe the server's insides; the reason phrase is enough for the client.
        String text = status >= 500 || message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        byte[] body = ApiError.body(ApiError.codeFor(status), text).canonical().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
