// Check-in (events:check_in): where the browser has BarcodeDetector, read the QR code with the camera and
// submit it as if typed. Without it (or without JavaScript) the officer types the eight-character code.
(function () {
  "use strict";
  var button = document.getElementById("check-in-scan");
  var video = document.getElementById("check-in-camera");
  var form = document.getElementById("check-in-form");
  if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  button.classList.remove("d-none");
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.classList.remove("d-none");
      video.play();
      function look() {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stream.getTracks().forEach(function (track) { track.stop(); });
            form.querySelector("input[name=code]").value = codes[0].rawValue;
            form.submit();
          } else {
            window.requestAnimationFrame(look);
          }
        }).catch(function () { window.requestAnimationFrame(look); });
      }
      look();
    });
  });
})();
