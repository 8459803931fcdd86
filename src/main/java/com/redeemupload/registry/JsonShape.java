package com.redeemupload.registry;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The fields an object of a registry call's body may have: plain values, and objects of a shape of their own. */
record JsonShape(Set<String> values, Map<String, JsonShape> objects) {

    static JsonShape of(String... values) {
        return new JsonShape(new LinkedHashSet<>(java.util.List.of(values)), Map.of());
    }

    JsonShape with(String field, JsonShape shape) {
        Map<String, JsonShape> more = new LinkedHashMap<>(objects);
        more.put(field, shape);
        return new JsonShape(values, more);
    }

    boolean accepts(String field) {
        return values.contains(field) || objects.containsKey(field);
    }

    /** The accepted fields, for a refusal: "mobile, email, externalId, userId". */
    String fieldList() {
        Set<String> all = new LinkedHashSet<>(values);
        all.addAll(objects.keySet());
        return String.join(", ", all);
    }
}
