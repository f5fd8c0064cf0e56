package com.jobswipe.profile;

import com.jobswipe.profile.resume.Contact;
import com.jobswipe.profile.resume.ParsedResume;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Optional;

/** How a parsed resume looks on the wire and at rest. */
final class ResumeJson {

  private ResumeJson() {
  }

  /** EmptyRequest parsed, contact details included: sealed at rest, shown only to the owner. */
  static JsonObject full(ParsedResume parsed) {
    Contact contact = parsed.contact();
    JsonObject contactJson = new JsonObject();
    put(contactJson, "name", contact.name());
    put(contactJson, "email", contact.email());
    put(contactJson, "phone", contact.phone());
    put(contactJson, "linkedin", contact.linkedin());
    put(contactJson, "github", contact.github());
    put(contactJson, "website", contact.website());
    JsonObject sections = new JsonObject();
    parsed.sections().forEach(sections::put);
    return new JsonObject()
        .put("text", parsed.text())
        .put("contact", contactJson)
        .put("sections", sections)
        .put("skills", new JsonArray(new ArrayList<>(parsed.skills())))
        .put("yearsOfExperience", parsed.yearsOfExperience());
  }

  /** What may sit in the clear: skills, years and which sections exist — nothing that names a person. */
  static JsonObject summary(ParsedResume parsed) {
    return new JsonObject()
        .put("skills", new JsonArray(new ArrayList<>(parsed.skills())))
        .put("yearsOfExperience", parsed.yearsOfExperience())
        .put("sections", new JsonArray(new ArrayList<>(parsed.sections().keySet())));
  }

  private static void put(JsonObject json, String key, Optional<String> value) {
    value.ifPresent(v -> json.put(key, v));
  }
}
