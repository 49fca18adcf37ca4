<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../movement_desk/gui/about_dialog.py" line="+31"/>
        <source>About</source>
        <translation>Giới thiệu</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Licences of the components shipped with it:</source>
        <translation>Giấy phép của các thành phần đi kèm chương trình:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{version} (this program knows up to {latest})</source>
        <translation>{version} (phiên bản này hiểu đến {latest})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no database open</source>
        <translation>chưa mở cơ sở dữ liệu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>Cơ sở dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version</source>
        <translation>Phiên bản lược đồ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built with</source>
        <translation>Thành phần chính</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>(licence file missing: {path})</source>
        <translation>(thiếu tệp giấy phép: {path})</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../movement_desk/gui/audit_view.py" line="+185"/>
        <source>Audit trail</source>
        <translation>Nhật ký thao tác</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location line="-142"/>
        <source>When (UTC)</source>
        <translation>Thời điểm (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table</source>
        <translation>Bảng dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record id</source>
        <translation>Mã bản ghi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>Bản ghi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Tóm tắt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes (old → new)</source>
        <translation>Thay đổi (cũ → mới)</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location line="+34"/>
        <source>Everyone</source>
        <translation>Tất cả người dùng</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record name or id</source>
        <translation>Tên hoặc mã bản ghi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show</source>
        <translation>Xem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>Xuất…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{count} entries</source>
        <translation>{count} mục</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(the newest {max}; narrow the filter)</source>
        <translation>({max} mục mới nhất; hãy thu hẹp bộ lọc)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export the audit trail</source>
        <translation>Xuất nhật ký thao tác</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export</source>
        <translation>Xuất dữ liệu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported {count} entries to {path}</source>
        <translation>Đã xuất {count} mục ra {path}</translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../../movement_desk/gui/tasks.py" line="+76"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Waiting for another user to finish writing…</source>
        <translation>Đang chờ người dùng khác ghi xong…</translation>
    </message>
</context>
<context>
    <name>CataloguesView</name>
    <message>
        <location filename="../../movement_desk/gui/views/catalogues.py" line="+749"/>
        <source>Administrative units</source>
        <translation>Đơn vị hành chính</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model types</source>
        <translation>Loại mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisers</source>
        <translation>Đơn vị tổ chức</translation>
    </message>
</context>
<context>
    <name>CertificatesView</name>
    <message>
        <location filename="../../movement_desk/gui/certificates_view.py" line="+197"/>
        <source>Find a decision: number, issuer…</source>
        <translation>Tìm quyết định: số, cơ quan ban hành…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Tick all</source>
        <translation>Chọn tất cả</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick none</source>
        <translation>Bỏ chọn tất cả</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoke…</source>
        <translation>Thu hồi…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Print on pre-printed forms</source>
        <translation>In lên phôi in sẵn</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+46"/>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save PDF…</source>
        <translation>Lưu PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision list…</source>
        <translation>Danh sách kèm quyết định…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Paper:</source>
        <translation>Khổ giấy:</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+22"/>
        <source>Verify</source>
        <translation>Xác minh</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Scan the QR code or type the code printed beside it (MD2:… or MD1:…):</source>
        <translation>Quét mã QR hoặc gõ mã in bên cạnh (MD2:… hoặc MD1:…):</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>optional: compared with the code</source>
        <translation>không bắt buộc: đối chiếu với tên trong mã</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name printed on the certificate:</source>
        <translation>Tên in trên giấy khen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the keys this installation knows</source>
        <translation>các khóa máy này đã biết</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer&apos;s key file…</source>
        <translation>Tệp khóa của cơ quan cấp…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check with:</source>
        <translation>Kiểm tra bằng:</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Default issuer:</source>
        <translation>Cơ quan ban hành mặc định:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing authority:</source>
        <translation>Thẩm quyền ký:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signer&apos;s title (one line each):</source>
        <translation>Chức vụ người ký (mỗi dòng một chức vụ):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signer:</source>
        <translation>Người ký:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place:</source>
        <translation>Địa danh:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre-printed forms: shift for the paper chosen</source>
        <translation>Phôi in sẵn: dịch vùng in cho khổ giấy đã chọn</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Right:</source>
        <translation>Sang phải:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down:</source>
        <translation>Xuống dưới:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save settings</source>
        <translation>Lưu cài đặt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A4 landscape</source>
        <translation>A4 ngang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A3 landscape</source>
        <translation>A3 ngang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A4 portrait</source>
        <translation>A4 dọc</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Certificates</source>
        <translation>In giấy khen</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Tick at least one recipient.</source>
        <translation>Hãy chọn ít nhất một người, tập thể được khen.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Preview of {count} certificate(s); nothing was recorded.</source>
        <translation>Xem trước {count} giấy khen; chưa ghi gì vào sổ theo dõi.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save certificates</source>
        <translation>Lưu giấy khen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not write {path}: {error}</source>
        <translation>Không ghi được {path}: {error}</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+27"/>
        <source>Nothing was recorded in the register.</source>
        <translation>Không ghi gì vào sổ theo dõi.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending certificates to the printer…</source>
        <translation>Đang gửi giấy khen tới máy in…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The printer could not be opened.</source>
        <translation>Không mở được máy in.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not print: {error}. Nothing was recorded.</source>
        <translation>Không in được: {error}. Không ghi gì vào sổ theo dõi.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The printer did not accept the job: nothing was recorded.</source>
        <translation>Máy in không nhận lệnh in: không ghi gì vào sổ theo dõi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} certificate(s) recorded in the register ({where}).</source>
        <translation>Đã ghi {count} giấy khen vào sổ theo dõi ({where}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} of them are reprints.</source>
        <translation>Trong đó có {count} giấy in lại.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save the decision&apos;s list</source>
        <translation>Lưu danh sách kèm quyết định</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>List saved to {path}.</source>
        <translation>Đã lưu danh sách vào {path}.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Preparing certificates…</source>
        <translation>Đang chuẩn bị giấy khen…</translation>
    </message>
    <message>
        <location line="-123"/>
        <location line="+135"/>
        <source>Cancelled: nothing was recorded.</source>
        <translation>Đã hủy: không ghi gì vào sổ theo dõi.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select one recipient to revoke.</source>
        <translation>Hãy chọn một người, tập thể cần thu hồi khen thưởng.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Revoke commendation</source>
        <translation>Thu hồi khen thưởng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for revoking the commendation of {name}:</source>
        <translation>Lý do thu hồi khen thưởng của {name}:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The commendation of {name} was revoked.</source>
        <translation>Đã thu hồi khen thưởng của {name}.</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+7"/>
        <source>Issuer&apos;s key file</source>
        <translation>Tệp khóa của cơ quan cấp</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Settings saved.</source>
        <translation>Đã lưu cài đặt.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../movement_desk/gui/accounts_dialogs.py" line="+245"/>
        <source>Change my password</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Current password</source>
        <translation>Mật khẩu hiện tại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat new password</source>
        <translation>Nhập lại mật khẩu mới</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The two new passwords differ.</source>
        <translation>Hai lần nhập mật khẩu mới không khớp nhau.</translation>
    </message>
</context>
<context>
    <name>CommunityModelForm</name>
    <message>
        <location filename="../../movement_desk/gui/forms.py" line="+594"/>
        <source>Model &amp;type</source>
        <translation>Loại mô &amp;hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unit</source>
        <translation>Đơn &amp;vị</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Managing body &amp;kind</source>
        <translation>Loại &amp;cơ quan quản lý</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Established on</source>
        <translation>&amp;Ngày thành lập</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Na&amp;me</source>
        <translation>&amp;Tên mô hình</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Managed &amp;by</source>
        <translation>Cơ &amp;quan quản lý</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Membe&amp;rs</source>
        <translation>&amp;Số thành viên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>St&amp;atus</source>
        <translation>Tình t&amp;rạng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status &amp;date</source>
        <translation>Ngày ch&amp;uyển tình trạng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes</source>
        <translation>&amp;Ghi chú</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Edit community model</source>
        <translation>Sửa mô hình</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New community model</source>
        <translation>Thêm mô hình</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Add model “{name}”</source>
        <translation>Thêm mô hình “{name}”</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit model “{name}”</source>
        <translation>Sửa mô hình “{name}”</translation>
    </message>
</context>
<context>
    <name>CommunityModelTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="+477"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model type</source>
        <translation>Loại mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Managed by</source>
        <translation>Cơ quan quản lý</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Established</source>
        <translation>Ngày thành lập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
</context>
<context>
    <name>CommunityModelsView</name>
    <message>
        <location filename="../../movement_desk/gui/views/records.py" line="+428"/>
        <source>Any status</source>
        <translation>Mọi tình trạng</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} models</source>
        <translation>{count} mô hình</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the model “{name}”</source>
        <translation>mô hình “{name}”</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../movement_desk/gui/package_dialogs.py" line="+519"/>
        <source>Records changed on both sides</source>
        <translation>Bản ghi bị sửa ở cả hai nơi</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Keep this computer&apos;s version</source>
        <translation>Giữ bản trên máy này</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take the package&apos;s version</source>
        <translation>Lấy bản trong gói</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No conflicts are waiting.</source>
        <translation>Không có xung đột nào đang chờ xử lý.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>This computer: changed {local}. Package from {unit}: changed {incoming}.</source>
        <translation>Máy này: sửa lúc {local}. Gói của {unit}: sửa lúc {incoming}.</translation>
    </message>
</context>
<context>
    <name>ConflictListModel</name>
    <message>
        <location line="-146"/>
        <source>Kind</source>
        <translation>Loại dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>Bản ghi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From unit</source>
        <translation>Của đơn vị</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../movement_desk/gui/widgets.py" line="+93"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pick a date on a calendar</source>
        <translation>Chọn ngày trên lịch</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Monday</source>
        <translation>Thứ Hai</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuesday</source>
        <translation>Thứ Ba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wednesday</source>
        <translation>Thứ Tư</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thursday</source>
        <translation>Thứ Năm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Friday</source>
        <translation>Thứ Sáu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saturday</source>
        <translation>Thứ Bảy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sunday</source>
        <translation>Chủ nhật</translation>
    </message>
</context>
<context>
    <name>DecisionForm</name>
    <message>
        <location filename="../../movement_desk/gui/forms.py" line="+29"/>
        <source>Numb&amp;er</source>
        <translation>&amp;Số quyết định</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date</source>
        <translation>&amp;Ngày ký</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Form</source>
        <translation>&amp;Hình thức</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Emulation &amp;title</source>
        <translation>Danh hiệu &amp;thi đua</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issuing &amp;authority</source>
        <translation>Cơ quan, người &amp;ban hành</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unit</source>
        <translation>Đơn &amp;vị ban hành</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signing &amp;capacity</source>
        <translation>Thẩm &amp;quyền ký</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signer&apos;s t&amp;itle</source>
        <translation>Chức vụ người &amp;ký</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signer&apos;s na&amp;me</source>
        <translation>Họ tên n&amp;gười ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Place of signing</source>
        <translation>Nơ&amp;i ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achie&amp;vement</source>
        <translation>Thành tí&amp;ch</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Recipients&lt;/b&gt; — paste rows copied from Excel with Ctrl+V (below the current row, or over the selected rows); Tab past the last column adds a row; Ctrl+Z undoes</source>
        <translation>&lt;b&gt;Danh sách được khen thưởng&lt;/b&gt; — dán các dòng chép từ Excel bằng Ctrl+V (vào dưới dòng đang chọn, hoặc thay các dòng được bôi đen); Tab ở cột cuối thêm dòng mới; Ctrl+Z hoàn tác</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Add ro&amp;w</source>
        <translation>Thêm &amp;dòng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove row</source>
        <translation>&amp;Xóa dòng</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Edit decision</source>
        <translation>Sửa quyết định</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New decision</source>
        <translation>Thêm quyết định</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Row {row}, {label}: {message}</source>
        <translation>Dòng {row}, {label}: {message}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Add decision {number}</source>
        <translation>Thêm quyết định {number}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit decision {number}</source>
        <translation>Sửa quyết định {number}</translation>
    </message>
</context>
<context>
    <name>DecisionTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="+14"/>
        <source>Number</source>
        <translation>Số</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recipients</source>
        <translation>Số được khen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
</context>
<context>
    <name>DecisionsView</name>
    <message>
        <location filename="../../movement_desk/gui/views/records.py" line="+44"/>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipient kind</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position or rank</source>
        <translation>Chức vụ, cấp bậc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit or address</source>
        <translation>Đơn vị, địa chỉ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register no.</source>
        <translation>Số sổ vàng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed</source>
        <translation>Đã in</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select a decision to see its recipients.</source>
        <translation>Chọn một quyết định để xem danh sách được khen thưởng.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Recipients of decision {number} ({count})</source>
        <translation>Được khen thưởng theo quyết định {number} ({count})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} decisions</source>
        <translation>{count} quyết định</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>decision {number} with all its recipients</source>
        <translation>quyết định {number} cùng toàn bộ danh sách được khen</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../movement_desk/gui/transfer_dialogs.py" line="+215"/>
        <location line="+28"/>
        <source>Export to a file</source>
        <translation>Xuất ra tệp</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>&amp;What</source>
        <translation>&amp;Dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the records the list shows now</source>
        <translation>Chỉ các bản ghi danh sách đang hiển thị</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Export…</source>
        <translation>&amp;Xuất…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Exported {count} rows to {path}.</source>
        <translation>Đã xuất {count} dòng ra {path}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancelled.</source>
        <translation>Đã hủy.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
</context>
<context>
    <name>FieldDiffModel</name>
    <message>
        <location filename="../../movement_desk/gui/package_dialogs.py" line="+22"/>
        <source>Field</source>
        <translation>Trường dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On this computer</source>
        <translation>Trên máy này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the package</source>
        <translation>Trong gói</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../movement_desk/gui/filters_bar.py" line="+37"/>
        <source>Search (accents and case ignored)…</source>
        <translation>Tìm kiếm (không phân biệt dấu, hoa thường)…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Any date</source>
        <translation>Mọi thời gian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date range</source>
        <translation>Khoảng ngày</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>All kinds</source>
        <translation>Mọi hình thức</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>month </source>
        <translation>tháng </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>quarter </source>
        <translation>quý </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reports close on the 14th (Decree 09/2019/NĐ-CP)</source>
        <translation>Kỳ báo cáo chốt ngày 14 (Nghị định 09/2019/NĐ-CP)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendar months</source>
        <translation>Theo tháng dương lịch</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../movement_desk/gui/accounts_dialogs.py" line="-168"/>
        <source>Create the first administrator</source>
        <translation>Tạo tài khoản quản trị đầu tiên</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This database has no account yet. Create the administrator who will manage users, units, catalogues and settings.</source>
        <translation>Cơ sở dữ liệu này chưa có tài khoản nào. Hãy tạo tài khoản quản trị để quản lý người dùng, đơn vị, danh mục và cài đặt.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp nhau.</translation>
    </message>
</context>
<context>
    <name>HomeTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="+36"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Số buổi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>Lượt người</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tips</source>
        <translation>Tin giá trị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New models</source>
        <translation>Mô hình mới</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last session</source>
        <translation>Buổi gần nhất</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>nothing entered</source>
        <translation>chưa nhập gì</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../../movement_desk/gui/views/home.py" line="+70"/>
        <source>Click a unit&apos;s name (or press Enter) to see its sessions of the period.</source>
        <translation>Nhấp vào tên đơn vị (hoặc nhấn Enter) để xem các buổi của kỳ này.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Computing the figures of this period…</source>
        <translation>Đang tính số liệu của kỳ này…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No home unit is set: choose the unit you work for in Settings.</source>
        <translation>Chưa chọn đơn vị làm việc: hãy chọn đơn vị trong phần Cài đặt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>decree rule, 15th to 14th</source>
        <translation>theo Nghị định 09/2019, từ ngày 15 đến ngày 14</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>calendar months</source>
        <translation>theo tháng dương lịch</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;h2&gt;{unit}&lt;/h2&gt;Reporting period: month {month:02d}/{year} ({start} – {end}, {rule})</source>
        <translation>&lt;h2&gt;{unit}&lt;/h2&gt;Kỳ báo cáo: tháng {month:02d}/{year} ({start} – {end}, {rule})</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>So far: {sessions} sessions, {participants} participants, {tips} valuable tips. </source>
        <translation>Đến nay: {sessions} buổi, {participants} lượt người tham gia, {tips} tin có giá trị. </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b style=&apos;color:#b3261e&apos;&gt;{missing} of {count} units have entered nothing yet&lt;/b&gt; (highlighted).</source>
        <translation>&lt;b style=&apos;color:#b3261e&apos;&gt;{missing}/{count} đơn vị chưa nhập số liệu&lt;/b&gt; (tô màu).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every unit has entered something.</source>
        <translation>Tất cả đơn vị đã nhập số liệu.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Data packages covering this period: {received} of {expected} communes.</source>
        <translation>Gói dữ liệu đã nhận cho kỳ này: {received}/{expected} xã, phường, thị trấn.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>and {count} more</source>
        <translation>và {count} đơn vị khác</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not yet received: {names}.</source>
        <translation>Chưa nhận: {names}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} records changed on both sides wait for your choice…</source>
        <translation>{count} bản ghi bị sửa ở cả hai nơi đang chờ bạn chọn bản giữ lại…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../movement_desk/gui/transfer_dialogs.py" line="-167"/>
        <location line="+49"/>
        <source>Import from a file</source>
        <translation>Nhập từ tệp</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>&amp;What</source>
        <translation>&amp;Dữ liệu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn tệp…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File (.xlsx or .csv)</source>
        <translation>&amp;Tệp (.xlsx hoặc .csv)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only check the file, write nothing</source>
        <translation>Chỉ kiểm tra tệp, không ghi gì</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All or nothing: if one row is wrong nothing is written. Importing the same file again creates no duplicates.</source>
        <translation>Nhập tất cả hoặc không gì cả: chỉ cần một dòng sai là không ghi gì. Nhập lại cùng một tệp không tạo bản trùng.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Import</source>
        <translation>&amp;Nhập</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose a file first.</source>
        <translation>Hãy chọn tệp trước.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing…</source>
        <translation>Đang nhập…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancelled: nothing was written.</source>
        <translation>Đã hủy: không ghi gì.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refused: nothing was written.</source>
        <translation>Tệp có lỗi: không ghi gì.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not import {path}: {error}. Nothing was written.</source>
        <translation>Không nhập được tệp {path}: {error}. Không ghi gì.</translation>
    </message>
</context>
<context>
    <name>ImportErrorsDialog</name>
    <message>
        <location line="-148"/>
        <source>Import refused: nothing was written</source>
        <translation>Không nhập được: chưa ghi gì</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} problems were found. Correct the file and import it again.</source>
        <translation>Có {count} lỗi. Hãy sửa tệp rồi nhập lại.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+27"/>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+27"/>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+27"/>
        <source>Problem</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>&amp;Save list…</source>
        <translation>&amp;Lưu danh sách lỗi…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save the list of problems</source>
        <translation>Lưu danh sách lỗi</translation>
    </message>
</context>
<context>
    <name>KeyTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/keys_dialog.py" line="+38"/>
        <source>Fingerprint</source>
        <translation>Dấu vân tay</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key of</source>
        <translation>Khóa của</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>this installation (in use)</source>
        <translation>máy này (đang dùng)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this installation</source>
        <translation>máy này</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>relayed by a district</source>
        <translation>do cấp huyện chuyển tiếp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>trusted</source>
        <translation>được tin cậy</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>revoked on %1: %2</source>
        <translation>đã thu hồi ngày %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>valid</source>
        <translation>còn hiệu lực</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location line="+13"/>
        <source>Signing keys</source>
        <translation>Khóa ký số</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Export my public key…</source>
        <translation>&amp;Xuất khóa công khai của máy này…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Trust a key…</source>
        <translation>&amp;Tin cậy một khóa…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Revoke…</source>
        <translation>Thu &amp;hồi…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Fingerprint of this installation&apos;s key: %1. Read it over the phone to the office that enrols your key.</source>
        <translation>Dấu vân tay khóa của máy này: %1. Hãy đọc qua điện thoại cho đơn vị cấp trên khi họ đăng ký khóa của bạn.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+7"/>
        <location line="+4"/>
        <source>Export my public key</source>
        <translation>Xuất khóa công khai</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written to %1. Fingerprint: %2</source>
        <translation>Đã ghi ra %1. Dấu vân tay: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trust a key</source>
        <translation>Tin cậy khóa</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Code of the unit this key signs for (the file says %1):</source>
        <translation>Mã đơn vị của khóa này, khóa được ký cho đơn vị đó và các đơn vị trực thuộc (tệp ghi %1):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Fingerprint read over the phone by the office (the file&apos;s is %1). Type it to compare, or leave it empty:</source>
        <translation>Dấu vân tay đơn vị đọc qua điện thoại (của tệp là %1). Gõ vào để đối chiếu, hoặc để trống:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Revoke a key</source>
        <translation>Thu hồi khóa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select a key in the list first.</source>
        <translation>Hãy chọn một khóa trong danh sách trước.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Why is key %1 revoked? Packages and certificate codes signed with it will no longer be accepted.</source>
        <translation>Vì sao thu hồi khóa %1? Gói dữ liệu và mã giấy khen ký bằng khóa này sẽ không còn được chấp nhận.</translation>
    </message>
</context>
<context>
    <name>LockTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/period_locks_dialog.py" line="+45"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Kỳ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked by</source>
        <translation>Người khóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{user}, {day}</source>
        <translation>{user}, ngày {day}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../movement_desk/gui/accounts_dialogs.py" line="+33"/>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database: {database}</source>
        <translation>Cơ sở dữ liệu: {database}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open another &amp;database…</source>
        <translation>Mở cơ sở &amp;dữ liệu khác…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checking the password…</source>
        <translation>Đang kiểm tra mật khẩu…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../movement_desk/gui/main_window.py" line="+156"/>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates</source>
        <translation>In giấy khen</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Home</source>
        <translation>Trang chủ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Buổi phát động</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commendations</source>
        <translation>Khen thưởng</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Units and catalogues</source>
        <translation>Đơn vị và danh mục</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety ratings</source>
        <translation>An toàn về ANTT</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New &amp;session</source>
        <translation>Thêm &amp;buổi</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New community &amp;model</source>
        <translation>Thêm &amp;mô hình</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New &amp;decision</source>
        <translation>Thêm &amp;quyết định khen thưởng</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Import…</source>
        <translation>&amp;Nhập từ tệp…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>&amp;Xuất ra tệp…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send data &amp;package…</source>
        <translation>&amp;Gửi gói dữ liệu lên…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Receive data package…</source>
        <translation>Nhận gói &amp;dữ liệu…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resolve &amp;conflicts…</source>
        <translation>Xử lý x&amp;ung đột…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Open database…</source>
        <translation>Mở &amp;cơ sở dữ liệu…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign &amp;out / switch user…</source>
        <translation>Đăng xuấ&amp;t / đổi người dùng…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;New record</source>
        <translation>&amp;Thêm mới</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit record</source>
        <translation>&amp;Sửa bản ghi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate record</source>
        <translation>&amp;Nhân bản bản ghi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Delete record</source>
        <translation>&amp;Xóa bản ghi</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Find</source>
        <translation>&amp;Tìm kiếm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Tools</source>
        <translation>Cô&amp;ng cụ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;User guide</source>
        <translation>&amp;Hướng dẫn sử dụng</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Back up now</source>
        <translation>Sao &amp;lưu ngay</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore…</source>
        <translation>Khôi &amp;phục…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Check database</source>
        <translation>&amp;Kiểm tra cơ sở dữ liệu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Audit trail…</source>
        <translation>&amp;Nhật ký thao tác…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Lock reporting period…</source>
        <translation>Khóa kỳ &amp;báo cáo…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Users…</source>
        <translation>Người &amp;dùng…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing &amp;keys…</source>
        <translation>&amp;Khóa ký số…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard &amp;orphaned drafts…</source>
        <translation>Xóa &amp;bản nháp không còn chủ…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change &amp;my password…</source>
        <translation>Đổi &amp;mật khẩu…</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Your role may not use this page.</source>
        <translation>Vai trò của bạn không được dùng trang này.</translation>
    </message>
    <message>
        <location line="+76"/>
        <location line="+6"/>
        <source>Orphaned drafts</source>
        <translation>Bản nháp không còn chủ</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>There are no orphaned drafts.</source>
        <translation>Không có bản nháp nào không còn chủ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} unsaved forms belong to no active account. Delete them?</source>
        <translation>Có {count} biểu mẫu chưa lưu không thuộc tài khoản nào đang hoạt động. Xóa các biểu mẫu này?</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Change my password</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your password was changed.</source>
        <translation>Đã đổi mật khẩu.</translation>
    </message>
    <message>
        <location line="+205"/>
        <source>Database file</source>
        <translation>Tệp cơ sở dữ liệu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signed in: {user} – {role}</source>
        <translation>Người dùng: {user} – {role}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Unit: {unit}</source>
        <translation>Đơn vị: {unit}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{sessions} sessions · {models} models · {decisions} decisions</source>
        <translation>{sessions} buổi · {models} mô hình · {decisions} quyết định</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>session</source>
        <translation>buổi phát động, tuyên truyền</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>community model</source>
        <translation>mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decision</source>
        <translation>quyết định khen thưởng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>model type</source>
        <translation>loại mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unit</source>
        <translation>đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>organiser</source>
        <translation>đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{who}&apos;s {form} form was not saved when the program last closed (at {time} on {day}). Do you want to continue it?

No deletes the draft.</source>
        <translation>Biểu mẫu {form} của {who} chưa được lưu khi chương trình đóng lần trước (lúc {time} ngày {day}). Tiếp tục nhập không?

Chọn Không sẽ xóa bản nháp.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unsaved form found</source>
        <translation>Có biểu mẫu chưa lưu</translation>
    </message>
</context>
<context>
    <name>ModelTypeForm</name>
    <message>
        <location filename="../../movement_desk/gui/views/catalogues.py" line="-703"/>
        <source>Na&amp;me</source>
        <translation>&amp;Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category</source>
        <translation>&amp;Nhóm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;riteria (for “3 không” types)</source>
        <translation>Tiêu &amp;chí (cho loại “3 không”)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Description</source>
        <translation>&amp;Diễn giải</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit model type</source>
        <translation>Sửa loại mô hình</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New model type</source>
        <translation>Thêm loại mô hình</translation>
    </message>
</context>
<context>
    <name>ModelTypesTab</name>
    <message>
        <location line="+420"/>
        <source>&amp;New type</source>
        <translation>&amp;Thêm loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Criteria</source>
        <translation>Tiêu chí</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the model type “{name}”?</source>
        <translation>Xóa loại mô hình “{name}”?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot delete</source>
        <translation>Không xóa được</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete model type “{name}”</source>
        <translation>Xóa loại mô hình “{name}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot undo</source>
        <translation>Không hoàn tác được</translation>
    </message>
</context>
<context>
    <name>OpenDatabaseDialog</name>
    <message>
        <location filename="../../movement_desk/gui/open_database_dialog.py" line="+94"/>
        <location line="+101"/>
        <source>Open database</source>
        <translation>Mở cơ sở dữ liệu</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>&amp;File on this computer</source>
        <translation>&amp;Tệp trên máy này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Server</source>
        <translation>Máy &amp;chủ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open now: {database}</source>
        <translation>Đang mở: {database}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not be opened: {database}</source>
        <translation>Không mở được: {database}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>A .sqlite3 file on this computer</source>
        <translation>Một tệp .sqlite3 trên máy này</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>Chọn tệ&amp;p…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The file must be on this computer&apos;s own disk: a file on a network folder is refused, because several computers writing one file damage it. For several people at once, use a server (the Server tab).</source>
        <translation>Tệp phải nằm trên ổ đĩa của chính máy này: tệp trong thư mục mạng bị từ chối, vì nhiều máy cùng ghi một tệp sẽ làm hỏng nó. Để nhiều người cùng làm việc, hãy dùng máy chủ (thẻ Máy chủ).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Database fi&amp;le:</source>
        <translation>Tệp cơ sở dữ &amp;liệu:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Recent files:</source>
        <translation>Tệp mở &amp;gần đây:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>SQLite databases (*.sqlite3 *.db);;All files (*)</source>
        <translation>Cơ sở dữ liệu SQLite (*.sqlite3 *.db);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The PostgreSQL driver is not installed, so this computer cannot open a database server yet. Install it with:

    {command}

then start the program again. A database file (the File tab) needs nothing more.</source>
        <translation>Máy này chưa cài trình kết nối PostgreSQL nên chưa mở được máy chủ cơ sở dữ liệu. Hãy cài bằng lệnh:

    {command}

rồi mở lại chương trình. Tệp cơ sở dữ liệu (thẻ Tệp) không cần cài thêm gì.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(type the server&apos;s details below)</source>
        <translation>(nhập thông tin máy chủ bên dưới)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. 192.168.1.10 or csdl.tinh.vn</source>
        <translation>ví dụ 192.168.1.10 hoặc csdl.tinh.vn</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. movement_desk</source>
        <translation>ví dụ movement_desk</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>asked each time, never stored</source>
        <translation>hỏi mỗi lần, không bao giờ lưu lại</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>disable – no encryption</source>
        <translation>disable – không mã hóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>allow – encrypt only if the server insists</source>
        <translation>allow – chỉ mã hóa khi máy chủ đòi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefer – encrypt when the server can (default)</source>
        <translation>prefer – mã hóa khi máy chủ hỗ trợ (mặc định)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>require – always encrypt, certificate not checked</source>
        <translation>require – luôn mã hóa, không kiểm tra chứng chỉ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verify-ca – encrypt, check the certificate</source>
        <translation>verify-ca – mã hóa, kiểm tra chứng chỉ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>verify-full – encrypt, check the certificate and the server&apos;s name</source>
        <translation>verify-full – mã hóa, kiểm tra chứng chỉ và tên máy chủ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the CA&apos;s .crt file, optional</source>
        <translation>tệp .crt của CA, không bắt buộc</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the CA&apos;s certificate (.crt); empty: root.crt in your postgresql folder</source>
        <translation>chứng chỉ của CA (.crt); để trống: root.crt trong thư mục postgresql của bạn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The address to give with --db (the password is not shown)</source>
        <translation>Địa chỉ dùng với --db (không hiện mật khẩu)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Test connection</source>
        <translation>Thử kết nố&amp;i</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Re&amp;cent servers</source>
        <translation>Máy chủ đã &amp;dùng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Host</source>
        <translation>Đị&amp;a chỉ máy chủ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Po&amp;rt</source>
        <translation>Cổ&amp;ng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Database</source>
        <translation>Cơ &amp;sở dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User</source>
        <translation>Tên người dùn&amp;g</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word</source>
        <translation>Mật &amp;khẩu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Encryption (sslmode)</source>
        <translation>Mã &amp;hóa (sslmode)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Root certificate (CA)</source>
        <translation>Chứng chỉ gốc (CA)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>Địa chỉ (URL)</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Root certificate</source>
        <translation>Chứng chỉ gốc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Chứng chỉ (*.crt *.pem *.cer);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the server&apos;s host</source>
        <translation>địa chỉ máy chủ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the database name</source>
        <translation>tên cơ sở dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the user name</source>
        <translation>tên người dùng</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fill in {field}.</source>
        <translation>Hãy nhập {field}.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Connecting to the server…</source>
        <translation>Đang kết nối máy chủ…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connecting to {server}…</source>
        <translation>Đang kết nối {server}…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The test was stopped.</source>
        <translation>Đã dừng thử kết nối.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The connection failed: {error}</source>
        <translation>Kết nối không được: {error}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connected: a movement_desk database (schema {version}, {accounts} accounts).</source>
        <translation>Kết nối được: cơ sở dữ liệu movement_desk (lược đồ {version}, {accounts} tài khoản).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Its schema will be upgraded to {latest} when it is opened.</source>
        <translation>Lược đồ sẽ được nâng cấp lên {latest} khi mở.</translation>
    </message>
</context>
<context>
    <name>OrganizerForm</name>
    <message>
        <location filename="../../movement_desk/gui/views/catalogues.py" line="+12"/>
        <source>&amp;Kind</source>
        <translation>Loạ&amp;i</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na&amp;me</source>
        <translation>&amp;Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unit</source>
        <translation>Đơn &amp;vị</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit organiser</source>
        <translation>Sửa đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New organiser</source>
        <translation>Thêm đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add organiser “{name}”</source>
        <translation>Thêm đơn vị tổ chức “{name}”</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit organiser “{name}”</source>
        <translation>Sửa đơn vị tổ chức “{name}”</translation>
    </message>
</context>
<context>
    <name>OrganizersTab</name>
    <message>
        <location line="+17"/>
        <source>name of the organiser</source>
        <translation>tên đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Add organiser</source>
        <translation>&amp;Thêm đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Organisers listed here are offered when typing a session.</source>
        <translation>Các đơn vị tổ chức ở đây được gợi ý khi nhập buổi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Organisers listed here are offered when typing a session. Your role cannot change them.</source>
        <translation>Các đơn vị tổ chức ở đây được gợi ý khi nhập buổi. Vai trò của bạn không được thay đổi danh sách này.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Add organiser “{name}”</source>
        <translation>Thêm đơn vị tổ chức “{name}”</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Delete the organiser “{name}”? Sessions already entered keep the name they have; it is only no longer offered.</source>
        <translation>Xóa đơn vị tổ chức “{name}”? Các buổi đã nhập vẫn giữ nguyên tên này; tên chỉ không còn được gợi ý khi nhập nữa.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot delete</source>
        <translation>Không xóa được</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete organiser “{name}”</source>
        <translation>Xóa đơn vị tổ chức “{name}”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot undo</source>
        <translation>Không hoàn tác được</translation>
    </message>
</context>
<context>
    <name>PackageExportDialog</name>
    <message>
        <location filename="../../movement_desk/gui/package_dialogs.py" line="-403"/>
        <source>Export data package</source>
        <translation>Tạo gói dữ liệu gửi lên</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>All records</source>
        <translation>Toàn bộ dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records of the period</source>
        <translation>Dữ liệu của kỳ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes since the last export</source>
        <translation>Các thay đổi từ lần gửi trước</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Browse…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unit (and the units under it):</source>
        <translation>Đơn vị (cùng các đơn vị trực thuộc):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>File:</source>
        <translation>Tệp:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export</source>
        <translation>Tạo gói</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Never exported: the first package holds all.</source>
        <translation>Chưa gửi lần nào: gói đầu tiên chứa toàn bộ dữ liệu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last export: {when}</source>
        <translation>Lần gửi trước: {when}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save the data package as</source>
        <translation>Lưu gói dữ liệu thành</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose the file to write the package to.</source>
        <translation>Hãy chọn tệp để ghi gói dữ liệu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type the period, for example 2024-01.</source>
        <translation>Hãy nhập kỳ, ví dụ 2024-01.</translation>
    </message>
</context>
<context>
    <name>PackageImportDialog</name>
    <message>
        <location line="+88"/>
        <source>Import data package</source>
        <translation>Nhận gói dữ liệu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Import</source>
        <translation>Nhập gói</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resolve conflicts…</source>
        <translation>Xử lý xung đột…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose a data package</source>
        <translation>Chọn gói dữ liệu</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+4"/>
        <source>Checking the package…</source>
        <translation>Đang kiểm tra gói dữ liệu…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing is written until you press Import; the import is all or nothing.</source>
        <translation>Chưa ghi gì cho đến khi bấm Nhập gói; gói được nhập trọn vẹn hoặc không nhập gì.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This package was imported before.</source>
        <translation>Gói này đã được nhập trước đây.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records changed on both sides keep this computer&apos;s version until you choose.</source>
        <translation>Bản ghi bị sửa ở cả hai nơi giữ bản trên máy này cho đến khi bạn chọn.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>period {period}</source>
        <translation>kỳ {period}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From {unit} ({code}), {scope}, created {created}</source>
        <translation>Của {unit} ({code}), {scope}, tạo lúc {created}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Importing the package…</source>
        <translation>Đang nhập gói dữ liệu…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cancelled.</source>
        <translation>Đã hủy.</translation>
    </message>
</context>
<context>
    <name>PeriodLockDialog</name>
    <message>
        <location filename="../../movement_desk/gui/period_locks_dialog.py" line="+24"/>
        <source>Lock reporting period</source>
        <translation>Khóa kỳ báo cáo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A locked period&apos;s sessions, models and decisions of the unit and the units under it cannot be added, changed or deleted by anyone until it is unlocked. Unlocking needs a reason; both are recorded in the audit trail.</source>
        <translation>Khi kỳ đã khóa, không ai có thể thêm, sửa hay xóa buổi phát động, mô hình, quyết định khen thưởng của đơn vị và các đơn vị trực thuộc trong kỳ đó cho đến khi mở khóa. Mở khóa phải ghi lý do; việc khóa và mở khóa đều được ghi vào nhật ký thao tác.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Required to unlock: why the period must change</source>
        <translation>Bắt buộc khi mở khóa: vì sao cần sửa số liệu của kỳ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unit (and the units under it)</source>
        <translation>Đơn vị (cùng các đơn vị trực thuộc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note or reason</source>
        <translation>Ghi chú hoặc lý do</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Lock</source>
        <translation>Khóa kỳ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Locks in force</source>
        <translation>Các kỳ đang khóa</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{label}: {start} to {end}</source>
        <translation>Kỳ {label}: từ {start} đến {end}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This period has not ended yet: once it is locked, records of its last days cannot be entered until it is unlocked.</source>
        <translation>Kỳ này chưa kết thúc: khi đã khóa, số liệu của những ngày còn lại sẽ không nhập được cho đến khi mở khóa.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Lock period</source>
        <translation>Khóa kỳ báo cáo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This period runs until {end} and has not ended. Lock it anyway?</source>
        <translation>Kỳ này kéo dài đến hết ngày {end}, chưa kết thúc. Vẫn khóa?</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{unit}: period {period} locked.</source>
        <translation>{unit}: đã khóa kỳ {period}.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{unit}: period {period} unlocked.</source>
        <translation>{unit}: đã mở khóa kỳ {period}.</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../movement_desk/gui/period_picker.py" line="+33"/>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>6 months</source>
        <translation>6 tháng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Month {n}</source>
        <translation>Tháng {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quarter {n}</source>
        <translation>Quý {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First half</source>
        <translation>6 tháng đầu năm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Second half</source>
        <translation>6 tháng cuối năm</translation>
    </message>
</context>
<context>
    <name>PledgeDialog</name>
    <message>
        <location filename="../../movement_desk/gui/views/ratings_view.py" line="+221"/>
        <source>New emulation pledge</source>
        <translation>Giao ước thi đua mới</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>One party a line: unit code[; organisation]</source>
        <translation>Mỗi dòng một bên: mã đơn vị[; tên cơ quan]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>Nội dung giao ước</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing unit code</source>
        <translation>Mã đơn vị tổ chức ký kết</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed on</source>
        <translation>Ngày ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parties</source>
        <translation>Các bên tham gia</translation>
    </message>
</context>
<context>
    <name>PreviewTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/package_dialogs.py" line="-172"/>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Record kind</source>
        <translation>Loại dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Cập nhật</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>Không đổi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Đã xóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts</source>
        <translation>Xung đột</translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <location filename="../../movement_desk/gui/views/ratings_view.py" line="-131"/>
        <source>Safety rating</source>
        <translation>Kết quả xây dựng tiêu chuẩn “An toàn về ANTT”</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unit code (residential area or commune)</source>
        <translation>Mã đơn vị (khu dân cư hoặc xã)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agency, enterprise or school</source>
        <translation>Cơ quan, doanh nghiệp, cơ sở giáo dục</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered on</source>
        <translation>Ngày đăng ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution or plan reference</source>
        <translation>Số nghị quyết, kế hoạch đăng ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Households registered</source>
        <translation>Số hộ đăng ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Criteria missed (numbers)</source>
        <translation>Tiêu chí không đạt (số)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recognised by</source>
        <translation>Cơ quan công nhận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recognition decision number</source>
        <translation>Số quyết định công nhận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recognition decision date</source>
        <translation>Ngày quyết định công nhận</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recognition decision signed by</source>
        <translation>Người ký quyết định công nhận</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Evaluation period: {period}</source>
        <translation>Thời gian đánh giá: {period}</translation>
    </message>
</context>
<context>
    <name>RatingsView</name>
    <message>
        <location line="+92"/>
        <source>Ratings</source>
        <translation>Kết quả xây dựng</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+364"/>
        <source>Residential areas</source>
        <translation>Khu dân cư</translation>
    </message>
    <message>
        <location line="-363"/>
        <source>Agencies, enterprises, schools</source>
        <translation>Cơ quan, doanh nghiệp, cơ sở giáo dục</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+544"/>
        <location line="+11"/>
        <source>Emulation pledges</source>
        <translation>Giao ước thi đua</translation>
    </message>
    <message>
        <location line="-554"/>
        <location line="+612"/>
        <source>Criteria</source>
        <translation>Tiêu chí</translation>
    </message>
    <message>
        <location line="-597"/>
        <source>All subjects</source>
        <translation>Tất cả đối tượng</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Subject</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+259"/>
        <location line="+83"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="-341"/>
        <location line="+341"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="-340"/>
        <source>Registered on</source>
        <translation>Ngày đăng ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+222"/>
        <source>Households</source>
        <translation>Số hộ</translation>
    </message>
    <message>
        <location line="-221"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Criteria missed</source>
        <translation>Tiêu chí không đạt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recognition decision</source>
        <translation>Quyết định công nhận</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+547"/>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location line="-542"/>
        <source>New…</source>
        <translation>Thêm…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+130"/>
        <location line="+4"/>
        <location line="+9"/>
        <location line="+197"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="-339"/>
        <source>Import…</source>
        <translation>Nhập từ tệp…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>Xuất ra tệp…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recognition certificates…</source>
        <translation>In giấy công nhận…</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>{unit}, year {year}: {summary}.</source>
        <translation>{unit}, năm {year}: {summary}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{passed}/{total} rated subjects passed.</source>
        <translation>{passed}/{total} đối tượng đạt tiêu chuẩn.</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+226"/>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <location line="-225"/>
        <location line="+9"/>
        <location line="+14"/>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Delete the selected rating?</source>
        <translation>Xóa kết quả đang chọn?</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <location line="+2"/>
        <source>Import ratings</source>
        <translation>Nhập kết quả xây dựng</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <location line="+3"/>
        <source>Export ratings</source>
        <translation>Xuất kết quả xây dựng</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{count} rows written.</source>
        <translation>Đã ghi {count} dòng.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <location line="+7"/>
        <location line="+2"/>
        <source>Recognition certificates</source>
        <translation>Giấy công nhận</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Recognition decision number</source>
        <translation>Số quyết định công nhận</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+34"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Residential area</source>
        <translation>Khu dân cư</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commune</source>
        <translation>Xã, phường</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rating of the year</source>
        <translation>Kết quả năm</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save households</source>
        <translation>Lưu số hộ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Residential areas (thôn, bản, tổ dân phố…) are units under their commune: add them here, on the Units page or with a unit list.</source>
        <translation>Khu dân cư (thôn, bản, tổ dân phố…) là đơn vị trực thuộc xã: thêm tại đây, ở trang Đơn vị và danh mục hoặc bằng danh sách đơn vị.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Commune code</source>
        <translation>Mã xã</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add residential area</source>
        <translation>Thêm khu dân cư</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Not registered</source>
        <translation>Chưa đăng ký</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Managing level</source>
        <translation>Cấp quản lý</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unit code</source>
        <translation>Mã đơn vị</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save changes</source>
        <translation>Lưu thay đổi</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Pledge</source>
        <translation>Giao ước</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Party</source>
        <translation>Bên tham gia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed on</source>
        <translation>Ngày ký</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New pledge…</source>
        <translation>Giao ước mới…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Met</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not met</source>
        <translation>Không đạt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start commendation decision…</source>
        <translation>Lập quyết định khen thưởng từ giao ước…</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Save as the criteria from this year</source>
        <translation>Lưu làm bộ tiêu chí áp dụng từ năm này</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>One criterion a line, in the circular&apos;s order.</source>
        <translation>Mỗi dòng một tiêu chí, theo thứ tự của Thông tư.</translation>
    </message>
</context>
<context>
    <name>RecipientTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/certificates_view.py" line="-726"/>
        <source>Recipient</source>
        <translation>Người, tập thể được khen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position, unit</source>
        <translation>Chức vụ, đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial</source>
        <translation>Số hiệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prints</source>
        <translation>Số lần in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Revoked: {reason}</source>
        <translation>Đã thu hồi: {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reprinted {count}×</source>
        <translation>Đã in lại {count} lần</translation>
    </message>
</context>
<context>
    <name>RecipientsTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="+37"/>
        <source>Recipient kind</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position or rank</source>
        <translation>Chức vụ, cấp bậc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit or address</source>
        <translation>Đơn vị, địa chỉ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own achievement (if different)</source>
        <translation>Thành tích riêng (nếu khác)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register no.</source>
        <translation>Số sổ vàng</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../movement_desk/gui/forms.py" line="-729"/>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save (Ctrl+S)</source>
        <translation>Lưu (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save and &amp;new</source>
        <translation>Lưu và thêm &amp;mới</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save, then start a new record keeping the date, unit and organiser</source>
        <translation>Lưu, rồi nhập bản ghi mới giữ nguyên ngày, đơn vị và đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+230"/>
        <source>Empty count</source>
        <translation>Số liệu để trống</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{fields}: nothing typed. Save as 0?</source>
        <translation>{fields}: chưa nhập. Lưu là 0?</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Add record</source>
        <translation>Thêm bản ghi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit record</source>
        <translation>Sửa bản ghi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot undo</source>
        <translation>Không hoàn tác được</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>This form has changes that are not saved. Save them?</source>
        <translation>Biểu mẫu có thay đổi chưa lưu. Lưu lại không?</translation>
    </message>
</context>
<context>
    <name>RecordListView</name>
    <message>
        <location filename="../../movement_desk/gui/views/records.py" line="-443"/>
        <source>&amp;New</source>
        <translation>&amp;Thêm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>D&amp;uplicate</source>
        <translation>&amp;Nhân bản</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport list…</source>
        <translation>&amp;Xuất danh sách…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Your role may not add, change or delete these records.</source>
        <translation>Vai trò của bạn không được thêm, sửa hoặc xóa các bản ghi này.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>From {date} this list also shows the units that took over: {units}.</source>
        <translation>Từ {date} danh sách gồm cả các đơn vị kế thừa: {units}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{count} records</source>
        <translation>{count} bản ghi</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete {what}?

You can undo this from the Edit menu (Ctrl+Z).</source>
        <translation>Xóa {what}?

Có thể hoàn tác trong menu Sửa (Ctrl+Z).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot delete</source>
        <translation>Không xóa được</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete {what}</source>
        <translation>Xóa {what}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot undo</source>
        <translation>Không hoàn tác được</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the list</source>
        <translation>Xuất danh sách</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Export</source>
        <translation>Xuất dữ liệu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported {count} rows to {path}.</source>
        <translation>Đã xuất {count} dòng ra {path}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export failed</source>
        <translation>Xuất không thành công</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="-214"/>
        <source>Locked: {period}</source>
        <translation>Đã khóa: {period}</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../../movement_desk/gui/reports_view.py" line="+116"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search by name or code…</source>
        <translation>Tìm theo tên hoặc mã…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6 months</source>
        <translation>6 tháng</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Date range</source>
        <translation>Khoảng ngày</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Decree 09/2019 (15th to 14th)</source>
        <translation>Nghị định 09/2019 (từ ngày 15 đến ngày 14)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar months</source>
        <translation>Tháng dương lịch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count old units&apos; records in their successors</source>
        <translation>Tính số liệu của đơn vị cũ vào đơn vị kế thừa</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kind</source>
        <translation>Loại kỳ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which</source>
        <translation>Kỳ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule</source>
        <translation>Cách tính kỳ</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+306"/>
        <source>Report</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location line="-300"/>
        <source>blank until registered</source>
        <translation>để trống nếu chưa vào sổ văn bản</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date signed</source>
        <translation>Ngày ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Số</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Written sections</source>
        <translation>Phần đánh giá</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shortcomings and limitations</source>
        <translation>Tồn tại, hạn chế</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Directions and tasks</source>
        <translation>Phương hướng, nhiệm vụ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save sections</source>
        <translation>Lưu phần đánh giá</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save PDF…</source>
        <translation>Lưu PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save Excel…</source>
        <translation>Lưu Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock period…</source>
        <translation>Khóa kỳ báo cáo…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock this unit&apos;s period so that its records cannot change without an unlock</source>
        <translation>Khóa kỳ của đơn vị này để số liệu không thể thay đổi khi chưa mở khóa</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pick a unit and a period, then Preview.</source>
        <translation>Chọn đơn vị và kỳ báo cáo, rồi bấm Xem trước.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>until {date}</source>
        <translation>đến {date}</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Month {n}</source>
        <translation>Tháng {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quarter {n}</source>
        <translation>Quý {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First half</source>
        <translation>6 tháng đầu năm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Second half</source>
        <translation>6 tháng cuối năm</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{label}: {start} to {end}</source>
        <translation>Kỳ {label}: từ {start} đến {end}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Ticked because older units merged into this unit, or into units under it, on {date}, and this period or the year before it that the report compares with starts earlier: their records count here.</source>
        <translation>Đã đánh dấu vì ngày {date} các đơn vị cũ đã được sắp xếp vào đơn vị này hoặc đơn vị trực thuộc, mà kỳ này hoặc cùng kỳ năm trước để so sánh bắt đầu trước ngày đó: số liệu của các đơn vị cũ được tính vào đây.</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+31"/>
        <location line="+167"/>
        <source>Pick a unit first.</source>
        <translation>Hãy chọn đơn vị trước.</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Sections saved with the report.</source>
        <translation>Đã lưu phần đánh giá của báo cáo.</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+3"/>
        <source>Preparing the report…</source>
        <translation>Đang lập báo cáo…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cancelled.</source>
        <translation>Đã hủy.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{unit}, {period}: {sessions} sessions, {people} participants, {tips} tips; {reporting}/{expected} communes with data.</source>
        <translation>{unit}, {period}: {sessions} buổi, {people} lượt người tham gia, {tips} tin có giá trị; {reporting}/{expected} xã có số liệu.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Save report as PDF</source>
        <translation>Lưu báo cáo dạng PDF</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+22"/>
        <source>Could not write {path}: {error}</source>
        <translation>Không ghi được {path}: {error}</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+22"/>
        <source>Saved {path}</source>
        <translation>Đã lưu {path}</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Save tables as Excel</source>
        <translation>Lưu các bảng ra Excel</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The printer could not be started.</source>
        <translation>Không khởi động được máy in.</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../movement_desk/gui/accounts_dialogs.py" line="+132"/>
        <source>Reset the password of {name}</source>
        <translation>Đặt lại mật khẩu của {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat new password</source>
        <translation>Nhập lại mật khẩu mới</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The two new passwords differ.</source>
        <translation>Hai lần nhập mật khẩu mới không khớp nhau.</translation>
    </message>
</context>
<context>
    <name>SessionForm</name>
    <message>
        <location filename="../../movement_desk/gui/forms.py" line="+32"/>
        <source>&amp;Date</source>
        <translation>&amp;Ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unit</source>
        <translation>Đơn &amp;vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind</source>
        <translation>&amp;Hình thức</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Organiser</source>
        <translation>Đơn vị &amp;tổ chức</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title</source>
        <translation>Nội &amp;dung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Participants</source>
        <translation>Số lượt người tham &amp;gia</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Organiser k&amp;ind</source>
        <translation>Loại đơn vị tổ &amp;chức</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Valuable tips</source>
        <translation>Số tin có giá t&amp;rị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not&amp;es</source>
        <translation>Gh&amp;i chú</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit session</source>
        <translation>Sửa buổi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New session</source>
        <translation>Thêm buổi</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Add session “{title}”</source>
        <translation>Thêm buổi “{title}”</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit session “{title}”</source>
        <translation>Sửa buổi “{title}”</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <location filename="../../movement_desk/gui/table_models.py" line="+54"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organiser</source>
        <translation>Đơn vị tổ chức</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Participants</source>
        <translation>Lượt người</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tips</source>
        <translation>Tin giá trị</translation>
    </message>
</context>
<context>
    <name>SessionsView</name>
    <message>
        <location filename="../../movement_desk/gui/views/records.py" line="+26"/>
        <source>Totals for the list: {sessions} sessions, {participants} participants, {tips} valuable tips</source>
        <translation>Cộng danh sách: {sessions} buổi, {participants} lượt người tham gia, {tips} tin có giá trị</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} sessions</source>
        <translation>{count} buổi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the session “{title}” of {date}</source>
        <translation>buổi “{title}” ngày {date}</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../movement_desk/gui/views/settings_view.py" line="+41"/>
        <source>This database (travels with its backups)</source>
        <translation>Cơ sở dữ liệu này (đi cùng bản sao lưu)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unit this office works for</source>
        <translation>Đơn vị làm việc</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decree 09/2019: 15th of the month before to the 14th</source>
        <translation>Nghị định 09/2019: từ ngày 15 tháng trước đến ngày 14</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar months</source>
        <translation>Tháng dương lịch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reporting periods</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place (for date lines)</source>
        <translation>Địa danh (dòng ngày tháng)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuing authority</source>
        <translation>Cơ quan, người ban hành</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signer&apos;s title</source>
        <translation>Chức vụ người ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signer&apos;s name</source>
        <translation>Họ tên người ký</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer&apos;s parent body</source>
        <translation>Cơ quan cấp trên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer&apos;s name</source>
        <translation>Tên cơ quan ban hành</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report symbol</source>
        <translation>Ký hiệu báo cáo</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Signing capacity</source>
        <translation>Thẩm quyền ký</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only an administrator may change the settings of the database.</source>
        <translation>Chỉ quản trị viên được thay đổi cài đặt của cơ sở dữ liệu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer</source>
        <translation>Máy tính này</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Interface language (after restart)</source>
        <translation>Ngôn ngữ giao diện (sau khi mở lại)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Save settings</source>
        <translation>&amp;Lưu cài đặt</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>There is no unit with code “{code}”; pick one from the list.</source>
        <translation>Không có đơn vị mã “{code}”; hãy chọn trong danh sách.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+3"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language is used from the next start.</source>
        <translation>Ngôn ngữ mới có hiệu lực từ lần mở chương trình sau.</translation>
    </message>
</context>
<context>
    <name>UnitForm</name>
    <message>
        <location filename="../../movement_desk/gui/views/catalogues.py" line="-645"/>
        <source>&amp;Parent unit</source>
        <translation>Đơn vị &amp;cấp trên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind</source>
        <translation>Loại đơn &amp;vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Code</source>
        <translation>Mã &amp;số đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the statistics office&apos;s code, e.g. 01834</source>
        <translation>mã của cơ quan thống kê, ví dụ 01834</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na&amp;me</source>
        <translation>&amp;Tên đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid &amp;from</source>
        <translation>&amp;Hiệu lực từ ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid &amp;to</source>
        <translation>Hiệu lực đế&amp;n ngày</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Households</source>
        <translation>Số hộ &amp;gia đình</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leave the dates empty when the unit has no known start or end. A unit lies within its parent&apos;s validity.</source>
        <translation>Để trống ngày nếu không rõ thời điểm bắt đầu hoặc kết thúc. Thời gian hiệu lực của đơn vị phải nằm trong thời gian hiệu lực của đơn vị cấp trên.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit unit</source>
        <translation>Sửa đơn vị hành chính</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New unit</source>
        <translation>Thêm đơn vị hành chính</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add unit “{name}”</source>
        <translation>Thêm đơn vị “{name}”</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit unit “{name}”</source>
        <translation>Sửa đơn vị “{name}”</translation>
    </message>
</context>
<context>
    <name>UnitImportDialog</name>
    <message>
        <location line="+11"/>
        <location line="+52"/>
        <source>Import a unit list</source>
        <translation>Nhập danh sách đơn vị hành chính</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Columns: code, name, kind, parent_code and, if known, valid_from and valid_to (dd/mm/yyyy); the same file as “units import” on the command line. Units are matched by code: a unit already there is updated, never duplicated.</source>
        <translation>Các cột: code (mã), name (tên), kind (loại), parent_code (mã đơn vị cấp trên) và, nếu có, valid_from, valid_to (dd/mm/yyyy); cùng loại tệp với lệnh “units import”. Đơn vị được nhận theo mã: đơn vị đã có thì được cập nhật, không bao giờ bị nhân đôi.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn tệp…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File (.csv or .xlsx)</source>
        <translation>&amp;Tệp (.csv hoặc .xlsx)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Check</source>
        <translation>&amp;Kiểm tra</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Import</source>
        <translation>&amp;Nhập</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Choose a file first.</source>
        <translation>Hãy chọn tệp trước.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Checking the file…</source>
        <translation>Đang kiểm tra tệp…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Importing units…</source>
        <translation>Đang nhập danh sách đơn vị…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The file holds {total} units: {created} new, {updated} changed, {unchanged} unchanged. Nothing is written yet: press Import to load them.</source>
        <translation>Tệp có {total} đơn vị: {created} mới, {updated} thay đổi, {unchanged} không đổi. Chưa ghi gì: bấm Nhập để nạp vào.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Imported {total} units: {created} new, {updated} changed, {unchanged} unchanged.</source>
        <translation>Đã nhập {total} đơn vị: {created} mới, {updated} thay đổi, {unchanged} không đổi.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelled: nothing was written.</source>
        <translation>Đã hủy: không ghi gì.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refused: nothing was written. Correct the rows listed and check again.</source>
        <translation>Tệp có lỗi: không ghi gì. Hãy sửa các dòng được liệt kê rồi kiểm tra lại.</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <location filename="../../movement_desk/gui/widgets.py" line="+247"/>
        <source>type a name (no accents needed) or a code</source>
        <translation>gõ tên (không cần dấu) hoặc mã đơn vị</translation>
    </message>
</context>
<context>
    <name>UnitTreePicker</name>
    <message>
        <location line="+112"/>
        <source>Search units (no accents needed)</source>
        <translation>Tìm đơn vị (không cần dấu)</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+28"/>
        <source>All units</source>
        <translation>Mọi đơn vị</translation>
    </message>
</context>
<context>
    <name>UnitsTab</name>
    <message>
        <location filename="../../movement_desk/gui/views/catalogues.py" line="+19"/>
        <source>&amp;Import unit list…</source>
        <translation>&amp;Nhập danh sách đơn vị…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add unit under the selected one…</source>
        <translation>&amp;Thêm đơn vị trực thuộc đơn vị đang chọn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit unit…</source>
        <translation>&amp;Sửa đơn vị…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Records keep the unit they were entered under. End a unit with its valid-to date rather than removing it; a province&apos;s new list is imported from a file (or “units import FILE.csv” on the command line).</source>
        <translation>Dữ liệu luôn giữ đơn vị lúc được nhập. Khi một đơn vị không còn, hãy nhập ngày hết hiệu lực thay vì xóa; danh sách mới của một tỉnh được nhập từ tệp (hoặc lệnh “units import TỆP.csv”).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only an administrator can change the units. Records keep the unit they were entered under.</source>
        <translation>Chỉ quản trị viên được thay đổi danh mục đơn vị. Dữ liệu luôn giữ đơn vị lúc được nhập.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+63"/>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>until {date}</source>
        <translation>đến {date}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from {date}</source>
        <translation>từ {date}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validity</source>
        <translation>Hiệu lực</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Became part of</source>
        <translation>Sáp nhập vào</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Edit unit</source>
        <translation>Sửa đơn vị</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select a unit in the tree first.</source>
        <translation>Hãy chọn một đơn vị trong cây trước.</translation>
    </message>
</context>
<context>
    <name>UserEditDialog</name>
    <message>
        <location filename="../../movement_desk/gui/accounts_dialogs.py" line="-80"/>
        <source>New account</source>
        <translation>Thêm tài khoản</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp nhau.</translation>
    </message>
</context>
<context>
    <name>UserManagementDialog</name>
    <message>
        <location line="+100"/>
        <source>Accounts</source>
        <translation>Tài khoản người dùng</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add…</source>
        <translation>Thêm…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset password…</source>
        <translation>Đặt lại mật khẩu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable</source>
        <translation>Vô hiệu hóa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>Kích hoạt lại</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <location line="-51"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sign-in</source>
        <translation>Đăng nhập gần nhất</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>disabled</source>
        <translation>đã vô hiệu hóa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>active</source>
        <translation>đang hoạt động</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../movement_desk/gui/app.py" line="+135"/>
        <source>Another user is writing to the database and has not finished yet; nothing of this action was written. Try again in a moment.</source>
        <translation>Một người dùng khác đang ghi vào cơ sở dữ liệu và chưa xong; thao tác này chưa ghi gì. Hãy thử lại sau giây lát.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Something went wrong ({error}); the details are in {log}.</source>
        <translation>Đã có lỗi ({error}); chi tiết ghi ở {log}.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Waiting for another user to finish writing…</source>
        <translation>Đang chờ người dùng khác ghi xong…</translation>
    </message>
</context>
<context>
    <name>database_switch</name>
    <message>
        <location filename="../../movement_desk/gui/database_switch.py" line="+50"/>
        <source>The database left was not backed up: {error}</source>
        <translation>Chưa sao lưu được cơ sở dữ liệu vừa rời: {error}</translation>
    </message>
</context>
<context>
    <name>help_actions</name>
    <message>
        <location filename="../../movement_desk/gui/help_actions.py" line="+28"/>
        <location line="+9"/>
        <source>User guide</source>
        <translation>Hướng dẫn sử dụng</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>The user guide was not found at {path}. Reinstall the program.</source>
        <translation>Không tìm thấy tài liệu hướng dẫn ở {path}. Hãy cài đặt lại chương trình.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No program to open PDF files was found. The guide is at:
{path}</source>
        <translation>Máy chưa có chương trình mở tệp PDF. Tài liệu hướng dẫn nằm ở:
{path}</translation>
    </message>
</context>
<context>
    <name>maintenance</name>
    <message>
        <location filename="../../movement_desk/gui/maintenance_actions.py" line="+51"/>
        <source>The database {name} is damaged and cannot be read ({error}).</source>
        <translation>Cơ sở dữ liệu {name} bị hỏng, không đọc được ({error}).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No good backup was found in {folder}.</source>
        <translation>Không tìm thấy bản sao lưu dùng được trong {folder}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore the newest good backup {name} (taken {when})? The damaged file is kept beside it.</source>
        <translation>Khôi phục bản sao lưu tốt gần nhất {name} (sao lưu lúc {when})? Tệp bị hỏng vẫn được giữ lại bên cạnh.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Database cannot be opened</source>
        <translation>Không mở được cơ sở dữ liệu</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The file could not be written or read: {error}</source>
        <translation>Không đọc hoặc ghi được tệp: {error}</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+12"/>
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Backed up to {path}.</source>
        <translation>Đã sao lưu vào {path}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backing up the database…</source>
        <translation>Đang sao lưu cơ sở dữ liệu…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Another file…</source>
        <translation>Tệp khác…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+10"/>
        <location line="+45"/>
        <location line="+11"/>
        <location line="+10"/>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Backup to restore:</source>
        <translation>Bản sao lưu cần khôi phục:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SQLite databases (*.sqlite3 *.db);;All files (*)</source>
        <translation>Cơ sở dữ liệu SQLite (*.sqlite3 *.db);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>daily</source>
        <translation>hằng ngày</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on close</source>
        <translation>khi đóng chương trình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on request</source>
        <translation>theo yêu cầu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before an upgrade</source>
        <translation>trước khi nâng cấp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before an import</source>
        <translation>trước khi nhập từ tệp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before a package import</source>
        <translation>trước khi nhận gói dữ liệu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>before a restore</source>
        <translation>trước khi khôi phục</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>After the restore you sign in again.</source>
        <translation>Sau khi khôi phục, bạn cần đăng nhập lại.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restored from {name}.</source>
        <translation>Đã khôi phục từ {name}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The data before the restore is in {before}.</source>
        <translation>Dữ liệu trước khi khôi phục được lưu tại {before}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restoring {name}…</source>
        <translation>Đang khôi phục {name}…</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+4"/>
        <source>Check the database</source>
        <translation>Kiểm tra cơ sở dữ liệu</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Finishing today&apos;s backup…</source>
        <translation>Đang hoàn tất bản sao lưu hôm nay…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Making today&apos;s backup… {percent} %</source>
        <translation>Đang sao lưu bản hôm nay… {percent} %</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Today&apos;s backup: {name}</source>
        <translation>Bản sao lưu hôm nay: {name}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save nothing more: restore the newest good backup with Tools → Restore…</source>
        <translation>Đừng lưu thêm gì: hãy khôi phục bản sao lưu tốt gần nhất bằng Công cụ → Khôi phục…</translation>
    </message>
</context>
<context>
    <name>package_dialogs</name>
    <message>
        <location filename="../../movement_desk/gui/package_dialogs.py" line="-187"/>
        <source>Data package</source>
        <translation>Gói dữ liệu</translation>
    </message>
</context>
<context>
    <name>prompts</name>
    <message>
        <location filename="../../movement_desk/gui/prompts.py" line="+33"/>
        <source>Unsaved changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <location filename="../../movement_desk/gui/transfer_dialogs.py" line="-46"/>
        <source>Sessions</source>
        <translation>Buổi phát động, tuyên truyền</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commendations (decisions and recipients)</source>
        <translation>Khen thưởng (quyết định và danh sách)</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <location filename="../../movement_desk/gui/widgets.py" line="-197"/>
        <source>until {date}</source>
        <translation>đến {date}</translation>
    </message>
</context>
</TS>
