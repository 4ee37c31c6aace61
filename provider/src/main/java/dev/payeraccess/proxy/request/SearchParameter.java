package dev.payeraccess.proxy.request;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** One decoded query or form parameter of a FHIR search, as forwarded to the plan. */
public record SearchParameter(String name, String value) {

    public String encoded() {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
