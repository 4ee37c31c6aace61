package dev.payeraccess.proxy.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.payeraccess.proxy.request.ProxyRequest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The app's revalidation of a read the proxy looked at, answered from the plan's unconditional answer. */
class ConditionalReadTest {

    @ParameterizedTest(name = "[{index}] {0}: {1} against ETag {2}, Last-Modified {3} -> 304: {4}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "If-None-Match; W/\"1\"; W/\"1\"; -; true",
        "If-None-Match; \"1\"; W/\"1\"; -; true",
        "If-None-Match; W/\"0\", W/\"1\"; W/\"1\"; -; true",
        "If-None-Match; *; W/\"1\"; -; true",
        "If-None-Match; W/\"1\"; W/\"2\"; -; false",
        "If-None-Match; W/\"1\"; -; -; false",
        "if-none-match; W/\"1\"; W/\"1\"; -; true",
        "If-Modified-Since; Tue, 02 Jan 2024 00:00:00 GMT; -; Mon, 01 Jan 2024 00:00:00 GMT; true",
        "If-Modified-Since; Mon, 01 Jan 2024 00:00:00 GMT; -; Tue, 02 Jan 2024 00:00:00 GMT; false",
        "If-Modified-Since; yesterday; -; Mon, 01 Jan 2024 00:00:00 GMT; false",
        "If-Modified-Since; Tue, 02 Jan 2024 00:00:00 GMT; -; -; false",
        "Prefer; handling=strict; W/\"1\"; Mon, 01 Jan 2024 00:00:00 GMT; false",
    })
    void answers304OnlyWhenTheAppsCopyIsCurrent(String header, String value, String etag, String lastModified,
                                                boolean unchanged) {
        ProxyRequest request = new ProxyRequest(ProxyRequest.Method.GET, "Coverage/c1", Optional.empty(),
            Optional.empty(), Map.of(header, value));

        assertEquals(unchanged, ConditionalRead.unchanged(request, Optional.ofNullable(etag),
            Optional.ofNullable(lastModified)));
    }
}
