"""A ceiling on the size of a request with files, checked before any byte is read.

DATA_UPLOAD_MAX_MEMORY_SIZE bounds the form fields of a request but not its files, which
Django streams to a temporary file of any size. This handler, first in
FILE_UPLOAD_HANDLERS, refuses the whole request from its declared length instead; the
refusal reaches `views.site.bad_request`, which answers 413 with a readable page.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class RequestSizeLimit(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.MAX_UPLOAD_BYTES:
            raise RequestDataTooBig("Request body exceeded settings.MAX_UPLOAD_BYTES.")

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # passed on untouched to the handlers that store the file

    def file_complete(self, file_size):
        return None
