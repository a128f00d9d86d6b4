package io.denoiser.similar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * {@code GET /spaces}: the spaces kept, oldest first, as a JSON array of {@code {space, model, dimension, documents,
 * serving}}; {@code serving} marks the space a query that names none searches for its model.
 */
final class SpacesHandler implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LatentIndex index;

    SpacesHandler(LatentIndex index) {
        this.index = index;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ArrayNode spaces = JSON.createArrayNode();
        for (SpaceSummary summary : index.spaces()) {
            spaces.addObject().put("space", summary.space()).put("model", summary.model())
                    .put("dimension", summary.dimension()).put("documents", summary.documents())
                    .put("serving", summary.serving());
        }
        NeighboursHandler.respond(exchange, 200, spaces);
    }
}
