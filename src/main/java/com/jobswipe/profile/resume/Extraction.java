package com.jobswipe.profile.resume;

import java.util.List;

record Extraction(String text, List<String> links) {
}
