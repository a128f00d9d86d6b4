package io.denoiser.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON tensor schema shipped in the jar, against the reader the denoiser runs: they accept and refuse alike. */
class JsonTensorSchemaTest {

    private static final String RESOURCE = "/topics/schemas/json-tensor.schema.json";
    private static Schema schema;

    private final JsonTensorReader reader = new JsonTensorReader(1 << 20);

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = JsonTensorSchemaTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("%s on the classpath", RESOURCE).isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"shape\":[2,2],\"data\":[0.0,0.25,0.5,1.0]}",
        "{\"shape\":[1,2],\"dtype\":\"uint8\",\"data\":[0,255]}",
        "{\"dtype\":\"float32\",\"data\":[0.5],\"shape\":[1]}",
        "{\"shape\":[1,1,1,2],\"data\":[1e-3,0]}",
        "{\"shape\":[1],\"data\":[0.5],\"note\":{\"any\":[\"thing\"]}}",
    })
    void shouldBeAcceptedByBothTheSchemaAndTheReader(String tensor) {
        assertThat(errors(tensor)).isEmpty();
        assertThat(reader.read(bytes(tensor)).values()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[0.5]",
        "{\"data\":[0.5]}",
        "{\"shape\":[1]}",
        "{\"shape\":[],\"data\":[0.5]}",
        "{\"shape\":[1,1,1,1,1],\"data\":[0.5]}",
        "{\"shape\":[0],\"data\":[0.5]}",
        "{\"shape\":[-1],\"data\":[0.5]}",
        "{\"shape\":[1.5],\"data\":[0.5]}",
        "{\"shape\":[\"1\"],\"data\":[0.5]}",
        "{\"shape\":1,\"data\":[0.5]}",
        "{\"shape\":[1],\"data\":[]}",
        "{\"shape\":[1],\"data\":[\"0.5\"]}",
        "{\"shape\":[1],\"data\":[null]}",
        "{\"shape\":[1],\"data\":[true]}",
        "{\"shape\":[1],\"data\":[[0.5]]}",
        "{\"shape\":[1],\"data\":0.5}",
        "{\"shape\":[1],\"dtype\":\"int64\",\"data\":[1]}",
        "{\"shape\":[1],\"dtype\":8,\"data\":[1]}",
        "{\"shape\":[1],\"dtype\":null,\"data\":[1]}",
        "{\"shape\":[4294967296],\"data\":[0.5]}",
    })
    void shouldBeRefusedByBothTheSchemaAndTheReader(String tensor) {
        assertThat(errors(tensor)).isNotEmpty();
        assertThatThrownBy(() -> reader.read(bytes(tensor))).isInstanceOf(InvalidRecordException.class);
    }

    /** What the schema's description says it cannot check: the value count, and the element limit. */
    @Test
    void shouldLeaveTheValueCountToTheReader() {
        String tooFew = "{\"shape\":[2,2],\"data\":[0.5]}";

        assertThat(errors(tooFew)).isEmpty();
        assertThatThrownBy(() -> reader.read(bytes(tooFew))).isInstanceOf(InvalidRecordException.class);
    }

    private static List<Error> errors(String tensor) {
        return schema.validate(tensor, InputFormat.JSON);
    }

    private static byte[] bytes(String tensor) {
        return tensor.getBytes(StandardCharsets.UTF_8);
    }
}
