package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the bytes one source returned into normalised postings. Pure: no I/O, no clock, no Vert.x context; the
 * caller fetched {@code body} from {@code sourceUrl} and passes the response's {@code Content-Type} (may be null).
 *
 * <p>A body that is not the expected format (bad JSON, wrong root type, XML with a DOCTYPE, …) fails the whole page
 * with {@link SourceFormatException}. A single item that lacks what a posting needs (an id or URL, a title, an
 * http(s) apply URL) is skipped so one bad row does not hide the rest of the board.
 */
public interface SourceParser {

  Page parse(byte[] body, String contentType, URI sourceUrl);

  /**
   * One fetched page.
   *
   * @param next the URL of the following page for APIs that paginate (SmartRecruiters {@code offset}, Lever
   *             {@code skip} when a {@code limit} was asked for); empty on the last page and for single-page sources
   */
  record Page(List<JobPosting> postings, Optional<URI> next) {
    public Page {
      postings = List.copyOf(postings);
      Objects.requireNonNull(next);
    }
  }
}
